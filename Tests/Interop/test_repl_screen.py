"""What the operator sees in the REPL at 60 and 120 columns, judged on the screen a terminal emulator
(pyte) draws from the bytes the pty received: columns that fit, footers whose hint is whole,
messages wrapped by words, pages that fit the height, completion that follows the rules, and a
history that never keeps an `erase` line."""
import json
import os
import re
import time

import pexpect
import pyte
import pytest

from test_repl import PROMPT, desk, environment

ROWS = 40
WIDTHS = [60, 120]


def reports_file(tmp_path, count):
    """`count` pending reports, oldest first, every category, as JSON Lines."""
    path = tmp_path / "reports.jsonl"
    kinds = [("experience", "feature_not_working", {"details": "The share button does nothing when I tap it twice"}),
             ("payment", "refund_request", {"orderId": "ORD-7", "details": "charged twice for gems"}),
             ("community", "harassment", {})]
    with open(path, "w", encoding="utf-8") as file:
        for index in range(count):
            category, issue_type, extra = kinds[index % 3]
            row = {"category": category, "issueType": issue_type,
                   "reportedAt": f"2026-11-2{index % 4}T{10 + index % 10:02}:{index % 60:02}:{index // 60:02}Z", **extra}
            file.write(json.dumps(row) + "\n")
    return path


class Screen:
    """A REPL on a pty of `width` × ROWS, and the screen a terminal draws from what it received."""

    def __init__(self, binary, store, width, **env):
        self.width = width
        self.terminal = pyte.Screen(width, ROWS)
        self.stream = pyte.ByteStream(self.terminal)
        self.child = pexpect.spawn(binary, [], env=environment(store, **env), dimensions=(ROWS, width), timeout=20)
        self.child.expect(PROMPT)
        self.stream.feed(self.child.before + self.child.after)

    def run(self, line):
        """Types a line and Enter; returns the screen's lines once the next prompt is drawn."""
        self.child.send(line + "\r")
        return self.settle()

    def settle(self):
        self.child.expect(PROMPT)
        self.stream.feed(self.child.before + self.child.after)
        return self.lines()

    def lines(self):
        return [line.rstrip() for line in self.terminal.display]

    def since(self, typed):
        """The screen's lines after the last command line `typed` (which may wrap onto several rows)."""
        lines = self.lines()
        start = max(index for index, line in enumerate(lines) if line.startswith("reportdesk") and typed[:10] in line)
        column = lines[start].index(typed[:10])
        return lines[start + (column + len(typed) - 1) // self.width + 1:]

    def drain(self, seconds=1.5):
        """Feeds whatever the terminal receives within `seconds` (after keys that draw no prompt)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))
            except pexpect.TIMEOUT:
                continue
        return self.lines()

    def leave(self):
        self.child.send("\x04")
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


def wrapped_by_words(lines, width, words):
    """No line reached the last column (the terminal did not cut it) and every word is whole on a line."""
    assert all(len(line) < width for line in lines), "\n".join(lines)
    text = "\n".join(lines)
    for word in words:
        assert re.search(r"(^|[\s(,;\"])" + re.escape(word) + r"($|[\s),;.\"?])", text, re.M), f"{word!r} is cut:\n{text}"


# narrow terminals keep key, status and due; the details give way first; the footer's hint is whole

@pytest.mark.parametrize("width", WIDTHS)
def test_list_keeps_the_urgent_columns_and_the_whole_hint(binary, store, tmp_path, width):
    desk(binary, store, "import", str(reports_file(tmp_path, 60)))
    screen = Screen(binary, store, width, TZ="Europe/Berlin")
    lines = screen.run("list --limit 10")
    header = next(line for line in lines if line.startswith("KEY"))
    for column in ("KEY", "STATUS", "CATEGORY", "DUE"):
        assert column in header, header
    assert ("DETAILS" in header) == (width >= 120), header
    text = "\n".join(screen.since("list --limit 10"))
    assert "next page: more" in text, text
    assert "times in Europe/Berlin (+01:00)" in text, text
    assert all(len(line) < width for line in screen.since("list --limit 10"))
    assert screen.leave() == 0


# errors and import rejects wrap by words on a terminal

@pytest.mark.parametrize("width", WIDTHS)
def test_errors_wrap_by_words(binary, store, width):
    screen = Screen(binary, store, width)
    screen.run("submit --category experience --issue-type sluggish")
    lines = screen.since("submit --category experience --issue-type sluggish")
    assert any("error:" in line for line in lines), lines
    wrapped_by_words([line for line in lines if line], width,
                     ["crash_or_freeze", "slow_loading", "feature_not_working", "display_problem", "login_problem"])
    assert screen.leave() == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_import_rejects_wrap_by_words(binary, store, tmp_path, width):
    rows = tmp_path / "awkward.csv"
    rows.write_text("Category,Issue type,Report details,Report time,Order ID\n"
                    "Experience and usage,feature_not_workinq,button broken,2026-11-20T10:00:00Z,\n"
                    "Community Guidelines violation,harassment,has details,2026-11-20T10:00:00Z,\n")
    screen = Screen(binary, store, width)
    screen.run(f"import {rows}")
    lines = screen.since(f"import {rows}")
    lines = lines[lines.index("rejected"):next(i for i, line in enumerate(lines) if line.startswith("rejectedCount"))]
    assert len(lines) > 2, lines
    wrapped_by_words(lines, width, ["feature_not_working", "display_problem", "experience", "payment"])
    assert screen.leave() == 0


# completion offers only the fields the chosen category allows

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("category, offered, refused", [
    ("payment", ["--order-id", "--details", "--open-id"], ["--screenshot", "--report-id"]),
    ("community", ["--screenshot", "--open-id"], ["--details", "--order-id", "--report-id"]),
])
def test_completion_offers_only_the_fields_of_the_category(binary, store, width, category, offered, refused):
    screen = Screen(binary, store, width)
    screen.child.send(f"submit --category {category} --issue-type other --\t\t")
    listing = "\n".join(screen.drain())
    for flag in offered:
        assert flag in listing, listing
    for flag in refused:
        assert flag not in listing, listing
    screen.child.send("\x03")
    screen.settle()
    assert screen.leave() == 0


# a page fits the terminal's height; `more` says which rows it shows

@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_terminal_and_more_counts_rows(binary, store, tmp_path, width):
    desk(binary, store, "import", str(reports_file(tmp_path, 90)))
    screen = Screen(binary, store, width)
    lines = screen.run("list")
    assert any(line.startswith("KEY") for line in lines), "the header scrolled away:\n" + "\n".join(lines)
    footer = next((line for line in lines if " of 90 reports" in line), "\n".join(lines))
    first = int(footer.split()[0])
    assert first < ROWS - 2, footer
    lines = screen.run("more")
    assert any(line.startswith("KEY") for line in lines)
    assert any(line.startswith(f"{first + 1}–{2 * first} of 90 reports") for line in lines), "\n".join(lines)
    assert screen.leave() == 0
    # Elsewhere the default page stays 50.
    assert len(desk(binary, store, "list")["reports"]) == 50


# an erase line never enters the history

@pytest.mark.parametrize("width", WIDTHS)
def test_erase_lines_never_enter_the_history(binary, store, width):
    desk(binary, store, "submit", "--category", "payment", "--issue-type", "other", "--open-id", "user-to-forget",
         "--order-id", "ORD-1")
    screen = Screen(binary, store, width)
    screen.run("info")
    lines = screen.run("erase --open-id user-to-forget --forcefully")
    assert any("error:" in line for line in lines)
    screen.run("erase --open-id someone-else")
    assert screen.leave() == 0
    with open(os.path.join(store, "history"), encoding="utf-8") as file:
        history = file.read()
    assert "info" in history
    assert "erase" not in history and "user-to-forget" not in history and "someone-else" not in history, history
