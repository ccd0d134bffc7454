;;; drive.el --- Drives the Emacs integration through its keys, in step with test_editors.py  -*- lexical-binding: t; -*-
;; Environment: REPORTDESK_TEST_BINARY, REPORTDESK_TEST_STORE, REPORTDESK_TEST_SYNC (a folder for
;; the handshake files and result.json).  Every wait has a deadline.

(require 'json)
(require 'reportdesk)

(defvar drive-sync (getenv "REPORTDESK_TEST_SYNC"))
(defvar drive-observed nil)
(defvar drive-messages nil)

(advice-add 'message :before
            (lambda (format-string &rest args)
              (when format-string
                (push (apply #'format-message format-string args) drive-messages))))

(defun drive-note (name value)
  (push (cons name value) drive-observed))

(defun drive-signal (name)
  (write-region "" nil (expand-file-name name drive-sync) nil 'silent))

(defun drive-wait (what predicate)
  (let ((deadline (+ (float-time) 20)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (error "Timed out waiting for %s" what))
      (accept-process-output nil 0.025))))

(defun drive-lines (buffer)
  (with-current-buffer buffer
    (vconcat (split-string (buffer-substring-no-properties (point-min) (point-max)) "\n" t))))

(defun drive-line-of (buffer key)
  (with-current-buffer buffer
    (text-property-any (point-min) (point-max) 'reportdesk-key key)))

(defun drive-conflicts ()
  (cl-count-if (lambda (message) (string-match-p "^ReportDesk: conflict" message)) drive-messages))

(defun drive-press (keys)
  "Run the command KEYS are bound to in the current buffer, as typing them would."
  (call-interactively (key-binding (kbd keys))))

(defun drive-on-list-line (list key)
  (set-buffer list)
  (goto-char (or (drive-line-of list key) (error "No line for %s" key))))

(defun drive-run ()
  (setq reportdesk-program (getenv "REPORTDESK_TEST_BINARY")
        reportdesk-store (getenv "REPORTDESK_TEST_STORE")
        reportdesk-actor "emacs")
  (reportdesk)
  (let ((list (get-buffer "*reportdesk*")))
    (drive-wait "the list" (lambda () (drive-line-of list 4)))
    (drive-note 'opened (drive-lines list))

    ;; A note written in its buffer and saved with C-c C-c.
    (drive-on-list-line list 1)
    (drive-press "n")
    (drive-wait "the note buffer of 1" (lambda () (get-buffer "*reportdesk note 1*")))
    (with-current-buffer "*reportdesk note 1*"
      (erase-buffer)
      (insert "checked in the editor\nsecond line")
      (drive-press "C-c C-c"))
    (drive-wait "the note saved"
                (lambda () (member "ReportDesk: note of report 1 saved (version 5)" drive-messages)))
    (drive-note 'note_saved_modified (if (buffer-modified-p (get-buffer "*reportdesk note 1*")) t :json-false))

    (drive-on-list-line list 2)
    (drive-press "r")
    (drive-wait "2 gone from the list" (lambda () (not (drive-line-of list 2))))
    (drive-note 'after_resolve (drive-lines list))

    ;; Another process resolves 3: the list follows on store/changed.
    (drive-signal "listed")
    (drive-wait "3 gone from the list" (lambda () (not (drive-line-of list 3))))
    (drive-note 'after_external (drive-lines list))

    ;; Report 4 and its note are read; then another process writes a note on it.
    (drive-on-list-line list 4)
    (drive-press "RET")
    (drive-wait "the report buffer" (lambda () (get-buffer "*reportdesk report 4*")))
    (let ((report (get-buffer "*reportdesk report 4*")))
      (set-buffer report)
      (drive-press "n")
      (drive-wait "the note buffer of 4" (lambda () (get-buffer "*reportdesk note 4*")))
      (drive-signal "shown")
      (drive-wait "the other writer" (lambda () (file-exists-p (expand-file-name "noted" drive-sync))))
      (drive-wait "the report marked out of date"
                  (lambda () (buffer-local-value 'reportdesk--stale report)))
      (drive-note 'stale_report (drive-lines report))
      (set-buffer report)
      (drive-press "r")
      (drive-wait "the conflict on resolve" (lambda () (= (drive-conflicts) 1)))
      (with-current-buffer "*reportdesk note 4*"
        (erase-buffer)
        (insert "mine")
        (drive-press "C-c C-c"))
      (drive-wait "the conflict on the note" (lambda () (= (drive-conflicts) 2)))
      (drive-note 'conflict_note_modified (if (buffer-modified-p (get-buffer "*reportdesk note 4*")) t :json-false))
      (drive-note 'conflict_note_lines (drive-lines "*reportdesk note 4*")))

    ;; Dismiss 1, then undo twice: the dismissal, then the resolution of 2.
    (drive-on-list-line list 1)
    (drive-press "d")
    (drive-wait "1 gone from the list" (lambda () (not (drive-line-of list 1))))
    (drive-note 'after_dismiss (drive-lines list))
    (set-buffer list)
    (drive-press "u")
    (drive-wait "1 back in the list" (lambda () (drive-line-of list 1)))
    (drive-press "u")
    (drive-wait "2 back in the list" (lambda () (drive-line-of list 2)))
    (drive-note 'after_undo (drive-lines list))))

(let ((failed nil))
  (condition-case oops
      (drive-run)
    (error (setq failed t)
           (drive-note 'error (error-message-string oops))))
  (drive-note 'messages (vconcat (reverse drive-messages)))
  (with-temp-file (expand-file-name "result.json" drive-sync)
    (insert (json-encode drive-observed)))
  (kill-emacs (if failed 1 0)))
