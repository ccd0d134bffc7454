;;; reportdesk.el --- Pending user reports of a ReportDesk store  -*- lexical-binding: t; -*-

;; Version: 0.1
;; Package-Requires: ((emacs "28.1"))
;; Keywords: tools

;;; Commentary:

;; M-x reportdesk lists the pending reports of a ReportDesk store, soonest due first, past-due
;; ones marked "!".  From the list or a report: RET opens a report, n edits its note (C-c C-c
;; saves), r resolves, d dismisses, u undoes the newest change made from this Emacs, g reads
;; again.  It talks to `reportdesk rpc' through the built-in jsonrpc.el, and nothing else.
;;
;; The list follows the store: the server sends store/changed when another process commits.
;; Every change carries ifVersion, the store version the list or report was read at, so a
;; change someone else made meanwhile comes back as a conflict (-32002), shown, never
;; overwritten.

;;; Code:

(require 'cl-lib)
(require 'jsonrpc)
(require 'subr-x)

(defgroup reportdesk nil
  "User reports of TikTok Minis mini apps, through `reportdesk rpc'."
  :group 'tools)

(defcustom reportdesk-program "reportdesk"
  "The reportdesk program.
A file name, or a list of it and arguments to put before `rpc'."
  :type '(choice string (repeat string)))

(defcustom reportdesk-store nil
  "The store folder.
Nil leaves it to $REPORTDESK_STORE or the default store."
  :type '(choice (const :tag "Default" nil) directory))

(defcustom reportdesk-actor nil
  "Who acts in the version log.
Nil leaves it to $REPORTDESK_ACTOR or the login name."
  :type '(choice (const :tag "Default" nil) string))

(defface reportdesk-past-due '((t :inherit error))
  "Face of past-due reports in the list.")

(defconst reportdesk--conflict -32002)
(defconst reportdesk--list-buffer "*reportdesk*")

(defvar reportdesk--connection nil)
(defvar reportdesk--undoable nil
  "Versions this Emacs made, newest first.")
(defvar reportdesk--list-loading nil)
(defvar reportdesk--list-again nil)

(defvar-local reportdesk--list-version nil
  "The store version the list was read at.")
(defvar-local reportdesk--report nil
  "The report shown in this buffer, as read.")
(defvar-local reportdesk--stale nil
  "The version at which another writer changed this buffer's report, if it did.")
(defvar-local reportdesk--note-key nil)
(defvar-local reportdesk--note-version nil)

;;;; The server

(defun reportdesk--command ()
  "The command line: program, global options, then `rpc'."
  (append (if (listp reportdesk-program) reportdesk-program (list reportdesk-program))
          (and reportdesk-store (list "--store" (expand-file-name reportdesk-store)))
          (and reportdesk-actor (list "--actor" reportdesk-actor))
          (list "rpc")))

(defun reportdesk--connection ()
  "The running connection to `reportdesk rpc', started when needed."
  (unless (and reportdesk--connection (jsonrpc-running-p reportdesk--connection))
    (setq reportdesk--connection
          (make-instance
           'jsonrpc-process-connection
           :name "reportdesk"
           :events-buffer-scrollback-size 0
           :notification-dispatcher #'reportdesk--notification
           :process (lambda ()
                      (make-process :name "reportdesk" :command (reportdesk--command)
                                    :connection-type 'pipe :coding 'utf-8-emacs-unix
                                    :noquery t
                                    ;; jsonrpc.el expects this exact stderr buffer name.
                                    :stderr (get-buffer-create "*reportdesk stderr*"))))))
  reportdesk--connection)

(defun reportdesk--describe (error)
  "A line saying what ERROR, a JSON-RPC error object, means."
  (let ((text (or (plist-get error :message) "error")))
    (if (eql (plist-get error :code) reportdesk--conflict)
        (format "conflict: %s (store now at version %s); nothing was changed"
                text (plist-get (plist-get error :data) :version))
      text)))

(defun reportdesk--say (format-string &rest args)
  (message "ReportDesk: %s" (apply #'format format-string args)))

(defun reportdesk--call (method params on-result &optional on-error)
  "Send METHOD with PARAMS (always an object); ON-RESULT gets the result.
Errors are shown, or given to ON-ERROR."
  (jsonrpc-async-request
   (reportdesk--connection) (intern method) params
   :success-fn on-result
   :error-fn (or on-error (lambda (error) (reportdesk--say "%s" (reportdesk--describe error))))
   :timeout-fn (lambda () (reportdesk--say "%s: no answer" method))))

(defun reportdesk--changed-here (version)
  "After a change made here at VERSION (nil for an undo): re-read what shows it."
  (when version (push version reportdesk--undoable))
  (reportdesk--refresh-list)
  (dolist (buffer (buffer-list))
    (with-current-buffer buffer
      (when (and (derived-mode-p 'reportdesk-report-mode) reportdesk--report)
        (reportdesk--read-report (plist-get reportdesk--report :key) buffer)))))

(defun reportdesk--notification (_connection method params)
  "Another writer committed: the list follows; reports are marked out of date.
Open reports keep the version they were read at, so acting on what
is on screen meets a conflict.  METHOD and PARAMS are the notification's."
  (when (eq method 'store/changed)
    (reportdesk--refresh-list)
    (let ((keys (append (plist-get params :keys) nil)))
      (dolist (buffer (buffer-list))
        (with-current-buffer buffer
          (when (and (derived-mode-p 'reportdesk-report-mode) reportdesk--report
                     (memql (plist-get reportdesk--report :key) keys))
            (setq reportdesk--stale (plist-get params :version))
            (reportdesk--render-report)))))))

;;;; Text

(defun reportdesk--one-line (text width)
  "TEXT from a user on one line of at most WIDTH characters.
Control characters become spaces."
  (if (stringp text)
      (truncate-string-to-width (replace-regexp-in-string "[[:cntrl:]]" " " text) width nil nil "…")
    ""))

(defun reportdesk--when (instant)
  (if (stringp instant)
      (replace-regexp-in-string ":[0-9][0-9]\\([Z+-]\\)" "\\1"
                                (replace-regexp-in-string "T" " " instant) t)
    ""))

(defun reportdesk--true (value)
  (and value (not (eq value :json-false))))

;;;; The list

(defvar reportdesk-list-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "RET") #'reportdesk-show)
    (define-key map "n" #'reportdesk-note)
    (define-key map "r" #'reportdesk-resolve)
    (define-key map "d" #'reportdesk-dismiss)
    (define-key map "u" #'reportdesk-undo)
    (define-key map "g" #'reportdesk-reload)
    map))

(define-derived-mode reportdesk-list-mode special-mode "ReportDesk"
  "Pending reports of a ReportDesk store, soonest due first.
\\{reportdesk-list-mode-map}"
  (setq truncate-lines t))

(defun reportdesk--render-list (result)
  (with-current-buffer (get-buffer reportdesk--list-buffer)
    (let* ((inhibit-read-only t)
           (reports (append (plist-get result :reports) nil))
           (key (get-text-property (point) 'reportdesk-key))
           (line (line-number-at-pos)))
      (setq reportdesk--list-version (plist-get result :version))
      (erase-buffer)
      (insert (format "ReportDesk — pending reports by due time · store version %s · %d of %s\n"
                      (plist-get result :version) (length reports) (plist-get result :total))
              "RET show  n note  r resolve  d dismiss  u undo  g refresh  q quit   (! = past due)\n\n")
      (dolist (report reports)
        (let* ((past-due (reportdesk--true (plist-get report :pastDue)))
               (note (plist-get report :note))
               (text (if (and (stringp note) (not (string-empty-p note)))
                         (concat "note: " note)
                       (plist-get report :details)))
               (start (point)))
          (insert (format "%s %5d  %-10s %-22s %-34s %s\n"
                          (if past-due "!" " ") (plist-get report :key) (plist-get report :category)
                          (reportdesk--one-line (plist-get report :issueType) 22)
                          (if past-due
                              (concat "past due since " (reportdesk--when (plist-get report :dueAt)))
                            (concat "due " (reportdesk--when (plist-get report :dueAt))))
                          (reportdesk--one-line text 60)))
          (put-text-property start (point) 'reportdesk-key (plist-get report :key))
          (when past-due (put-text-property start (1- (point)) 'face 'reportdesk-past-due))))
      (unless reports (insert "  no pending reports\n"))
      ;; Stay on the same report, or else the same line.
      (goto-char (point-min))
      (let ((found (and key (text-property-any (point-min) (point-max) 'reportdesk-key key))))
        (if found (goto-char found) (forward-line (1- line)))))))

(defun reportdesk--refresh-list ()
  "Read the list again, if it is open; one request at a time."
  (when (get-buffer reportdesk--list-buffer)
    (if reportdesk--list-loading
        (setq reportdesk--list-again t)
      (setq reportdesk--list-loading t)
      (let ((done (lambda ()
                    (setq reportdesk--list-loading nil)
                    (when reportdesk--list-again
                      (setq reportdesk--list-again nil)
                      (reportdesk--refresh-list)))))
        (reportdesk--call "list" '(:status ["pending"] :sort "dueAt" :limit 1000)
                          (lambda (result)
                            (when (get-buffer reportdesk--list-buffer)
                              (reportdesk--render-list result))
                            (funcall done))
                          (lambda (error)
                            (reportdesk--say "%s" (reportdesk--describe error))
                            (funcall done)))))))

;;;###autoload
(defun reportdesk ()
  "List the pending reports of the store, soonest due first."
  (interactive)
  (let ((buffer (get-buffer-create reportdesk--list-buffer)))
    (with-current-buffer buffer
      (unless (derived-mode-p 'reportdesk-list-mode) (reportdesk-list-mode)))
    (pop-to-buffer-same-window buffer)
    (reportdesk--refresh-list)))

(defun reportdesk--here ()
  "The report at point and the version it was read at: (KEY . VERSION)."
  (cond ((derived-mode-p 'reportdesk-list-mode)
         (let ((key (get-text-property (point) 'reportdesk-key)))
           (unless key (user-error "No report on this line"))
           (cons key reportdesk--list-version)))
        ((and (derived-mode-p 'reportdesk-report-mode) reportdesk--report)
         (cons (plist-get reportdesk--report :key) (plist-get reportdesk--report :version)))
        (t (user-error "Not a ReportDesk list or report"))))

;;;; Changes

(defun reportdesk--process (method)
  "Send METHOD (resolve or dismiss) for the report here.
It carries the version the report was read at, so another writer's
change meanwhile is a conflict."
  (let ((here (reportdesk--here)))
    (reportdesk--call method (list :id (car here) :ifVersion (cdr here))
                      (lambda (report)
                        (reportdesk--say "report %s %s (version %s)" (plist-get report :key)
                                         (plist-get report :status) (plist-get report :version))
                        (reportdesk--changed-here (plist-get report :version)))
                      (lambda (error)
                        (reportdesk--say "%s" (reportdesk--describe error))
                        (when (eql (plist-get error :code) reportdesk--conflict)
                          (reportdesk--refresh-list))))))

(defun reportdesk-resolve ()
  "Resolve the report here."
  (interactive)
  (reportdesk--process "resolve"))

(defun reportdesk-dismiss ()
  "Dismiss the report here."
  (interactive)
  (reportdesk--process "dismiss"))

(defun reportdesk-undo ()
  "Undo the newest change made from this Emacs (never another writer's)."
  (interactive)
  (let ((version (pop reportdesk--undoable)))
    (unless version (user-error "Nothing done from this Emacs to undo"))
    (reportdesk--call "undo" (list :version version)
                      (lambda (result)
                        (reportdesk--say "undid version %s as version %s" version
                                         (plist-get result :version))
                        (reportdesk--changed-here nil))
                      (lambda (error)
                        (push version reportdesk--undoable)
                        (reportdesk--say "%s" (reportdesk--describe error))))))

;;;; Notes

(defvar reportdesk-note-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'reportdesk-note-save)
    map))

(define-derived-mode reportdesk-note-mode text-mode "ReportDesk note"
  "The note of a report; \\[reportdesk-note-save] saves it.")

(defun reportdesk-note ()
  "Edit the note of the report here in a buffer."
  (interactive)
  (reportdesk--call "show" (list :id (car (reportdesk--here)))
                    (lambda (report)
                      (let ((buffer (get-buffer-create
                                     (format "*reportdesk note %s*" (plist-get report :key)))))
                        (with-current-buffer buffer
                          (reportdesk-note-mode)
                          (erase-buffer)
                          (insert (or (plist-get report :note) ""))
                          (goto-char (point-min))
                          (set-buffer-modified-p nil)
                          (setq reportdesk--note-key (plist-get report :key)
                                reportdesk--note-version (plist-get report :version)))
                        (pop-to-buffer buffer)
                        (reportdesk--say "note of report %s: C-c C-c saves it"
                                         (plist-get report :key))))))

(defun reportdesk-note-save ()
  "Save this note, if nobody changed the report since it was read."
  (interactive)
  (let ((buffer (current-buffer)))
    (reportdesk--call "note" (list :id reportdesk--note-key :text (buffer-string)
                                   :ifVersion reportdesk--note-version)
                      (lambda (report)
                        (when (buffer-live-p buffer)
                          (with-current-buffer buffer
                            (setq reportdesk--note-version (plist-get report :version))
                            (set-buffer-modified-p nil)))
                        (reportdesk--say "note of report %s saved (version %s)"
                                         (plist-get report :key) (plist-get report :version))
                        (reportdesk--changed-here (plist-get report :version)))
                      (lambda (error)
                        ;; The buffer keeps the text, so nothing typed is lost.
                        (reportdesk--say "%s; your text stays in this buffer"
                                         (reportdesk--describe error))))))

;;;; One report

(defvar reportdesk-report-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map "n" #'reportdesk-note)
    (define-key map "r" #'reportdesk-resolve)
    (define-key map "d" #'reportdesk-dismiss)
    (define-key map "u" #'reportdesk-undo)
    (define-key map "g" #'reportdesk-reload)
    map))

(define-derived-mode reportdesk-report-mode special-mode "ReportDesk report"
  "One report of a ReportDesk store.
\\{reportdesk-report-mode-map}")

(defun reportdesk--render-report ()
  (let* ((inhibit-read-only t)
         (r reportdesk--report)
         (past-due (reportdesk--true (plist-get r :pastDue))))
    (erase-buffer)
    (insert (format "Report %s · %s%s · last changed at version %s\n" (plist-get r :key)
                    (plist-get r :status) (if past-due " · PAST DUE" "") (plist-get r :version))
            (if reportdesk--stale
                (propertize (format "! changed elsewhere at version %s — g reloads; changes made here meet a conflict"
                                    reportdesk--stale)
                            'face 'reportdesk-past-due)
              "n note  r resolve  d dismiss  u undo  g reload  q quit")
            "\n\n")
    (cl-flet ((field (name value)
                (when (and (stringp value) (not (string-empty-p value)))
                  (insert (format "%-12s %s\n" (concat name ":") (reportdesk--one-line value 200)))))
              (text-block (name text)
                (when (and (stringp text) (not (string-empty-p text)))
                  (insert name ":\n")
                  (dolist (line (split-string text "\n"))
                    (insert "  " (replace-regexp-in-string "[[:cntrl:]]" " " line) "\n")))))
      (field "report ID" (plist-get r :reportId))
      (field "category" (plist-get r :category))
      (field "issue type" (plist-get r :issueType))
      (field "open ID" (plist-get r :openId))
      (field "order ID" (plist-get r :orderId))
      (let ((shot (plist-get r :screenshot)))
        (when shot
          (field "screenshot" (or (plist-get shot :url) (plist-get shot :path) (plist-get shot :sha256)))))
      (field "reported" (reportdesk--when (plist-get r :reportedAt)))
      (field "due" (concat (reportdesk--when (plist-get r :dueAt)) (if past-due "  (past due)" "")))
      (field "status" (plist-get r :status))
      (field "processed" (concat (reportdesk--when (plist-get r :processedAt))
                                 (if (reportdesk--true (plist-get r :processedLate)) "  (late)" "")))
      (text-block "details" (plist-get r :details))
      (text-block "note" (plist-get r :note))
      (let ((appeal (plist-get r :appeal)))
        (when appeal
          (field "appeal" (plist-get appeal :status))
          (text-block "appeal message" (plist-get appeal :message))
          (text-block "appeal note" (plist-get appeal :note)))))
    (goto-char (point-min))))

(defun reportdesk--read-report (key &optional buffer show)
  "Read report KEY into BUFFER (else its own buffer); SHOW it if asked."
  (reportdesk--call "show" (list :id key)
                    (lambda (report)
                      (let ((buffer (or (and (buffer-live-p buffer) buffer)
                                        (get-buffer-create
                                         (format "*reportdesk report %s*" (plist-get report :key))))))
                        (with-current-buffer buffer
                          (unless (derived-mode-p 'reportdesk-report-mode) (reportdesk-report-mode))
                          (setq reportdesk--report report
                                reportdesk--stale nil)
                          (reportdesk--render-report))
                        (when show (pop-to-buffer-same-window buffer))))))

(defun reportdesk-show ()
  "Open the report at point."
  (interactive)
  (reportdesk--read-report (car (reportdesk--here)) nil t))

(defun reportdesk-reload ()
  "Read the list or the report again."
  (interactive)
  (if (derived-mode-p 'reportdesk-list-mode)
      (reportdesk--refresh-list)
    (reportdesk--read-report (car (reportdesk--here)) (current-buffer))))

(defun reportdesk-stop ()
  "End the server the way the protocol asks: shutdown, then exit."
  (interactive)
  (when (and reportdesk--connection (jsonrpc-running-p reportdesk--connection))
    (ignore-errors
      (jsonrpc-request reportdesk--connection 'shutdown (make-hash-table) :timeout 2)
      (jsonrpc-notify reportdesk--connection 'exit (make-hash-table))))
  (setq reportdesk--connection nil))

(add-hook 'kill-emacs-hook #'reportdesk-stop)

(provide 'reportdesk)
;;; reportdesk.el ends here
