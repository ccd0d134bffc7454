"""The operator's REPL driven through a real pseudo-terminal.

Every test starts the built binary on a pty with pexpect, types keys as an operator would and
asserts on the bytes the terminal received. The clock is fixed, so relative times are stable.
"""
import io
import json
import os
import re
import stat
import subprocess
import unicodedata

import pexpect

CLOCK = "2026-11-24T12:00:00Z"
PROMPT = re.compile(rb"reportdesk (?:\d+ pending[^\r\n>]*)?> ")
UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_R = "\x12"
SGR = re.compile(rb"\x1b\[[0-9;]*m")
HOSTILE = "before \x1b]0;pwned\x07 middle \x1b[2J after"


def environment(store, **extra):
    """A clean environment: no locale (the REPL must cope), no colour or zone settings leaking in."""
    dropped = ("LANG", "LANGUAGE", "NO_COLOR", "TZ", "COLUMNS", "EDITOR", "VISUAL", "REPORTDESK_STORE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in dropped}
    env.update(TERM="xterm", REPORTDESK_STORE=store, REPORTDESK_CLOCK=CLOCK, REPORTDESK_ACTOR="operator",
               TZ="UTC", SWIFT_BACKTRACE="enable=no")
    env.update({k: v for k, v in extra.items() if v is not None})
    return env


def desk(binary, store, *args):
    """One `--json` command in its own process, as automation would run it."""
    done = subprocess.run([binary, "--store", store, "--json", *args], env=environment(store),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def seed(binary, store):
    """A past-due experience report (#1), a pending payment report (#2), a community report (#3)."""
    desk(binary, store, "submit", "--category", "experience", "--issue-type", "display_problem",
         "--details", "ボタンが画面の外にはみ出して押せません", "--reported-at", "2026-11-20T03:05:00Z")
    desk(binary, store, "submit", "--category", "payment", "--issue-type", "refund_request", "--order-id", "ORD-7",
         "--details", "charged twice for gems", "--reported-at", "2026-11-24T09:00:00Z")
    desk(binary, store, "submit", "--category", "community", "--issue-type", "harassment",
         "--screenshot", "https://example.com/shot.png", "--reported-at", "2026-11-23T12:00:00Z")


def columns(text):
    """How many terminal columns text takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


class Repl:
    """One REPL process on a pty; `received` holds every byte the terminal got."""

    def __init__(self, binary, store, *args, width=160, **env):
        self.child = pexpect.spawn(binary, list(args), env=environment(store, **env), dimensions=(40, width), timeout=20)
        self.log = io.BytesIO()
        self.child.logfile_read = self.log
        self.child.expect(PROMPT)

    @property
    def received(self):
        return self.log.getvalue()

    def run(self, line):
        """Types a line and Enter; returns what the command printed (the bytes after the echoed line)."""
        self.child.send(line + "\r")
        return self.output()

    def output(self):
        self.child.expect(PROMPT)
        return self.child.before.split(b"\n", 1)[1] if b"\n" in self.child.before else b""

    def type(self, keys):
        self.child.send(keys)

    def leave(self):
        self.child.send(CTRL_D)
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


# Completion, history across sessions, Ctrl-C, Ctrl-D

def test_tab_completes_a_partial_command(binary, store):
    seed(binary, store)
    repl = Repl(binary, store)
    repl.type("lis\t")
    out = repl.run("--limit 1")
    assert b"1 of 3 reports" in out
    assert repl.leave() == 0


def test_tab_lists_alternatives_when_ambiguous(binary, store):
    repl = Repl(binary, store)
    repl.type("s\t")
    repl.child.expect(PROMPT)
    listing = repl.child.before
    for word in (b"search", b"show", b"stats", b"submit"):
        assert word in listing
    assert b"File one report as a user would" in listing
    repl.type(CTRL_C)
    repl.child.expect(PROMPT)
    assert repl.leave() == 0


def test_tab_completes_a_category_value_and_its_issue_types(binary, store):
    repl = Repl(binary, store)
    repl.type("submit --category pa\t--issue-type ref\t")
    out = repl.run("--order-id ORD-1 --details 'charged twice'")
    assert b"payment / refund_request" in out
    assert repl.leave() == 0


def test_tab_offers_report_keys_pending_first(binary, store):
    seed(binary, store)
    desk(binary, store, "resolve", "3")
    repl = Repl(binary, store)
    repl.type("show \t")
    repl.child.expect(PROMPT)
    listing = SGR.sub(b"", repl.child.before).decode()
    rows = [line.split()[0] for line in listing.splitlines() if re.match(r"^\d+\s+(pending|resolved)", line)]
    assert rows == ["2", "1", "3"], listing
    assert "pending, past due · experience/display_problem" in listing
    out = repl.run("2")
    assert b"Report #2" in out
    assert repl.leave() == 0


def test_up_arrow_recalls_the_previous_sessions_command(binary, store):
    seed(binary, store)
    first = Repl(binary, store)
    first.run("search gems")
    assert first.leave() == 0
    history = os.path.join(store, "history")
    assert stat.S_IMODE(os.stat(history).st_mode) == 0o600
    second = Repl(binary, store)
    second.type(UP)
    out = second.run("")
    assert b"charged twice for gems" in out
    assert second.leave() == 0


def test_ctrl_r_searches_the_history(binary, store):
    seed(binary, store)
    repl = Repl(binary, store)
    repl.run("show 2")
    repl.run("info")
    repl.type(CTRL_R + "show")
    out = repl.run("")
    assert b"Report #2" in out
    assert repl.leave() == 0


def test_history_is_deduplicated_across_sessions(binary, store):
    repl = Repl(binary, store)
    for line in ("info", "stats", "info"):
        repl.run(line)
    repl.run(" taxonomy")
    assert repl.leave() == 0
    with open(os.path.join(store, "history"), encoding="utf-8") as file:
        assert file.read().splitlines() == ["stats", "info"]


def test_ctrl_c_abandons_a_half_typed_line_and_keeps_the_session(binary, store):
    seed(binary, store)
    repl = Repl(binary, store)
    repl.type("resolve 2 --note half")
    repl.child.expect("half")
    repl.type(CTRL_C)
    repl.child.expect(PROMPT)
    assert b"^C" in repl.child.before
    out = repl.run("show 2")
    assert b"pending" in out, "the abandoned resolve must not have run"
    assert b"3 pending" in repl.child.after
    assert repl.leave() == 0


def test_ctrl_c_abandons_a_running_command(binary, store, tmp_path):
    seed(binary, store)
    editor = tmp_path / "slow-editor.sh"
    editor.write_text("#!/bin/sh\nsleep 60\nprintf 'too late\\n' > \"$1\"\n")
    editor.chmod(0o755)
    repl = Repl(binary, store, EDITOR=str(editor))
    repl.type("note 2 --edit\r")
    repl.child.expect("Editing the note")
    repl.type(CTRL_C)
    out = repl.output()
    assert b"the editor exited with status 130; the note was left unchanged" in out
    assert desk(binary, store, "show", "2")["note"] == ""
    assert b"3 of 3 reports" in repl.run("list")
    assert repl.leave() == 0


def test_without_line_editing_ctrl_c_and_ctrl_d_behave_the_same(binary, store):
    seed(binary, store)
    repl = Repl(binary, store, TERM="dumb")
    repl.type("resolve 2")
    repl.type(CTRL_C)
    repl.child.expect(PROMPT)
    assert b"3 of 3 reports" in repl.run("list")
    assert desk(binary, store, "show", "2")["status"] == "pending"
    assert repl.leave() == 0


def test_ctrl_d_on_an_empty_line_exits_with_status_0(binary, store):
    repl = Repl(binary, store)
    repl.child.send(CTRL_D)
    repl.child.expect(pexpect.EOF)
    repl.child.close()
    assert repl.child.exitstatus == 0
    assert repl.child.signalstatus is None


# Safe printing, asserted on the bytes the pty received

def hostile_store(binary, store):
    """Escape sequences in every field a stranger or an operator can fill."""
    desk(binary, store, "submit", "--category", "payment", "--issue-type", "refund_request", "--details", HOSTILE,
         "--order-id", "ORD\x1b[2J", "--open-id", "user\x1b]0;x\x07", "--reported-at", "2026-11-22T09:00:00Z")
    desk(binary, store, "submit", "--category", "experience", "--issue-type", "crash_or_freeze", "--details", HOSTILE,
         "--report-id", "RID\x1b[31m", "--reported-at", "2026-11-23T09:00:00Z")
    desk(binary, store, "note", "1", "note " + HOSTILE)
    desk(binary, store, "resolve", "1")
    desk(binary, store, "appeal", "open", "1", "--message", "appeal " + HOSTILE)


def test_escape_sequences_in_reports_never_reach_the_terminal(binary, store):
    hostile_store(binary, store)
    repl = Repl(binary, store, NO_COLOR="1")
    printed = repl.run("list") + repl.run("show 1") + repl.run("show 2") + repl.run("search middle")
    assert b"\x1b" not in printed, printed
    assert b"\x07" not in printed
    assert "␛]0;pwned␇".encode() in printed, "the text is shown, visibly neutralised"
    assert "␛[2J".encode() in printed
    for field in ("ORD␛[2J", "user␛]0;x␇", "RID␛[31m", "note before ␛]0;pwned␇", "appeal before ␛]0;pwned␇"):
        assert field.encode() in printed, field
    assert repl.leave() == 0


def test_with_colour_the_only_escapes_are_the_desks_own_colours(binary, store):
    hostile_store(binary, store)
    repl = Repl(binary, store)
    printed = repl.run("list") + repl.run("show 1")
    assert SGR.search(printed), "colour is on for a terminal without NO_COLOR"
    assert b"\x1b" not in SGR.sub(b"", printed), "every ESC is one of our SGR colour codes"
    assert repl.leave() == 0


# Time zones and NO_COLOR

def test_list_shows_the_same_instants_in_each_display_zone(binary, store):
    seed(binary, store)
    tokyo = Repl(binary, store, TZ="Asia/Tokyo", NO_COLOR="1")
    out = tokyo.run("list")
    assert b"2026-11-20 12:05" in out and b"2026-11-24 18:00" in out and b"2026-11-23 21:00" in out
    assert b"Asia/Tokyo (+09:00)" in out
    assert b"2026-11-20 03:05" not in out
    assert tokyo.leave() == 0
    new_york = Repl(binary, store, "--tz", "America/New_York", TZ="Asia/Tokyo", NO_COLOR="1")
    out = new_york.run("list")
    assert b"2026-11-19 22:05" in out and b"2026-11-24 04:00" in out and b"2026-11-23 07:00" in out
    assert b"America/New_York (-05:00)" in out
    assert new_york.leave() == 0


def test_no_color_turns_colour_off_and_a_terminal_turns_it_on(binary, store):
    seed(binary, store)
    plain = Repl(binary, store, NO_COLOR="1")
    out = plain.run("list") + plain.run("show 1")
    assert not SGR.search(out)
    assert b"past due 32 h" in out
    assert plain.leave() == 0
    coloured = Repl(binary, store)
    out = coloured.run("list")
    assert b"\x1b[33mpending" in out
    assert b"\x1b[1;31mpast due 32 h" in out
    assert coloured.leave() == 0


# The rest: prompt, UTF-8, quoting, continuation, $EDITOR, confirmation, paging

def test_prompt_counts_refresh_after_each_command_and_after_other_processes(binary, store):
    seed(binary, store)
    repl = Repl(binary, store)
    assert repl.child.after == "reportdesk 3 pending · 1 past due> ".encode()
    repl.run("resolve 1")
    assert repl.child.after == b"reportdesk 2 pending> "
    desk(binary, store, "dismiss", "2")
    out = repl.run("")
    assert b"Store changed elsewhere: now at version 5 (#2)" in out
    assert repl.child.after == b"reportdesk 1 pending> "
    assert repl.leave() == 0


def test_non_ascii_input_works_without_a_locale_in_the_environment(binary, store):
    seed(binary, store)
    repl = Repl(binary, store)
    out = repl.run("search 画面")
    assert "ボタンが画面の外".encode() in out
    assert b"1 of 1 report" in out
    assert repl.leave() == 0


def test_shell_quoting_and_a_trailing_backslash(binary, store):
    seed(binary, store)
    repl = Repl(binary, store)
    repl.run("note 2 \"it's fixed\"")
    assert desk(binary, store, "show", "2")["note"] == "it's fixed"
    repl.type("note 3 'asked trust' \\\r")
    repl.child.expect("…> ".encode())
    repl.run("and safety")
    assert desk(binary, store, "show", "3")["note"] == "asked trust and safety"
    assert repl.leave() == 0


def test_note_edit_opens_the_editor_on_the_current_note(binary, store, tmp_path):
    seed(binary, store)
    desk(binary, store, "note", "2", "first draft")
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\ncp \"$1\" '{seen}'\nprintf 'written in the editor\\n' > \"$1\"\n")
    editor.chmod(0o755)
    repl = Repl(binary, store, EDITOR=str(editor))
    out = repl.run("note 2 --edit")
    assert b"written in the editor" in out
    assert seen.read_text() == "first draft"
    assert desk(binary, store, "show", "2")["note"] == "written in the editor"
    assert repl.leave() == 0


def test_bulk_changes_ask_once_in_the_repl_and_never_in_scripts(binary, store):
    for day in range(1, 6):
        desk(binary, store, "submit", "--category", "payment", "--issue-type", "other", "--details", f"report {day}",
             "--reported-at", f"2026-11-1{day}T08:00:00Z")
    repl = Repl(binary, store)
    repl.type("resolve --ids 1,2,3,4\r")
    repl.child.expect(re.escape(b"Proceed? [y/N] "))
    question = repl.child.before.decode()
    assert "Resolve 4 reports?" in question
    assert all(f"#{key}  payment/other  pending" in question for key in (1, 2, 3, 4)), question
    out = repl.run("n")
    assert b"nothing changed" in out and b"error" not in out, out
    assert repl.child.after.startswith(b"reportdesk 5 pending")
    repl.type("resolve --ids 1,2,3,4\r")
    repl.child.expect(re.escape(b"Proceed? [y/N] "))
    repl.type(CTRL_C)
    repl.child.expect(PROMPT)
    assert repl.child.after.startswith(b"reportdesk 5 pending")
    repl.type("resolve --ids 1,2,3,4\r")
    repl.child.expect(re.escape(b"Proceed? [y/N] "))
    out = repl.run("y")
    assert "4 reports · store version 6".encode() in out
    assert repl.child.after.startswith(b"reportdesk 1 pending")
    assert repl.run("resolve --ids 5") and repl.child.after == b"reportdesk 0 pending> "
    assert repl.leave() == 0
    script = subprocess.run([binary, "--store", store], input="reopen 1\nreopen 2\nreopen 3\nreopen 4\ndismiss --ids 1,2,3,4\n",
                            env=environment(store), capture_output=True, text=True, timeout=60)
    assert script.returncode == 0, script.stderr
    assert "Proceed" not in script.stdout and "4 reports" in script.stdout


def test_long_lists_stop_at_the_limit_and_more_shows_the_next_page(binary, store):
    for day in range(1, 6):
        desk(binary, store, "submit", "--category", "payment", "--issue-type", "other", "--details", f"report {day}",
             "--reported-at", f"2026-11-1{day}T08:00:00Z")
    repl = Repl(binary, store, NO_COLOR="1")
    first = repl.run("list --limit 2")
    assert b"2 of 5 reports" in first and b"next page: more" in first
    second = repl.run("more")
    assert b"report 3" in second and b"report 4" in second and b"report 1" not in second
    third = repl.run("more")
    assert b"report 5" in third and b"next page" not in third
    assert b"Nothing more to show" in repl.run("more")
    assert repl.leave() == 0


def test_tables_fit_a_narrow_terminal(binary, store):
    seed(binary, store)
    repl = Repl(binary, store, width=60, NO_COLOR="1")
    out = repl.run("list").decode()
    lines = [line for line in out.replace("\r", "").split("\n") if line]
    assert lines and all(columns(line) < 60 for line in lines), lines
    assert "past due 32 h" in out
    assert repl.leave() == 0


def test_a_bulk_change_is_checked_before_anyone_is_asked(binary, store):
    for day in range(1, 6):
        desk(binary, store, "submit", "--category", "payment", "--issue-type", "other", "--details", f"report {day}",
             "--reported-at", f"2026-11-1{day}T08:00:00Z")
    desk(binary, store, "resolve", "1")
    repl = Repl(binary, store)
    out = repl.run("dismiss --ids 1-4")
    assert b"Proceed" not in repl.received, "a set that cannot change is refused before the question"
    assert b"cannot dismiss 1 of 4 reports: #1 (already resolved)" in out, out
    assert repl.child.after.startswith(b"reportdesk 4 pending")
    out = repl.run("dismiss --ids 2-4 --dry-run")
    assert b"Proceed" not in repl.received and b"3 reports" in out, out
    assert repl.child.after.startswith(b"reportdesk 4 pending"), "a dry run changes nothing"
    assert repl.leave() == 0


def test_the_appeals_queue_in_the_repl_and_its_count_in_the_prompt(binary, store):
    for day in range(1, 4):
        desk(binary, store, "submit", "--category", "payment", "--issue-type", "refund_request", "--order-id", f"ORD-{day}",
             "--details", f"refund {day}", "--reported-at", f"2026-11-2{day}T08:00:00Z")
    desk(binary, store, "resolve", "--ids", "1-3")
    desk(binary, store, "appeal", "open", "2", "still no refund")
    desk(binary, store, "appeal", "open", "3", "charged again")
    repl = Repl(binary, store)
    assert repl.child.after.endswith(b"2 appeals open> "), repl.child.after
    out = repl.run("list --appeal open")
    rows = [line for line in out.decode().splitlines() if re.match(r"\s*\d+\s", line)]
    assert [int(row.split()[0]) for row in rows] == [2, 3], out
    repl.run("appeal decide 2 --outcome upheld --note done")
    assert repl.child.after.endswith(b"1 appeal open> "), repl.child.after
    assert repl.leave() == 0
