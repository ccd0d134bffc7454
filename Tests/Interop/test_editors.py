"""The editor integrations in Samples/editors, each driven headless through the editor itself against
a real store: the list of pending reports, resolving from it, the list following a change another
process makes, and an ifVersion conflict shown instead of an overwrite. The drivers live in
Tests/Interop/editors and meet this test through files in a handshake folder."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import time

import pytest

from test_rpc_scenario import CLOCK, environment

ROOT = pathlib.Path(__file__).resolve().parents[2]
EDITORS = ROOT / "Samples" / "editors"
DRIVERS = pathlib.Path(__file__).resolve().parent / "editors"
# Guards against a hung editor or server; no test depends on how fast anything is.
STEP_DEADLINE = 30
EDITOR_DEADLINE = 120

# Due order 1, 2, 3, 4 at CLOCK; 1 and 2 are past due.
REPORTS = [
    ["--category", "experience", "--issue-type", "slow_loading", "--details", "Takes a minute to open",
     "--reported-at", "2026-11-20T08:00:00Z"],
    ["--category", "payment", "--issue-type", "not_received", "--order-id", "ORD-2",
     "--details", "Paid, gems never arrived", "--reported-at", "2026-11-21T09:00:00Z"],
    ["--category", "community", "--issue-type", "harassment",
     "--screenshot", "https://cdn.example.com/shot-3.png", "--reported-at", "2026-11-22T10:00:00Z"],
    ["--category", "experience", "--issue-type", "login_problem", "--details", "Login loops",
     "--reported-at", "2026-11-23T11:00:00Z"],
]


def desk(binary, store, *arguments, actor="other"):
    """One one-shot command as another process; its JSON result."""
    done = subprocess.run([binary, "--store", store, "--actor", actor, "--json", *arguments],
                          env=environment(store), capture_output=True, text=True, timeout=STEP_DEADLINE)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def prepare(binary, store):
    for report in REPORTS:
        desk(binary, store, "submit", *report, actor="setup")


def wait_for(path, editor):
    deadline = time.monotonic() + STEP_DEADLINE
    while not path.exists():
        if editor.poll() is not None:
            result = path.parent / "result.json"
            told = result.read_text(encoding="utf-8") if result.exists() else ""
            pytest.fail(f"the editor ended before {path.name}: {told}\n{editor_output(editor)}")
        assert time.monotonic() < deadline, f"the editor never reached {path.name}"
        time.sleep(0.05)


def editor_output(editor):
    output, _ = editor.communicate(timeout=EDITOR_DEADLINE)
    return output


def listed_keys(lines):
    """The keys on the lines of a list buffer, in order, with whether each is marked past due."""
    found = []
    for line in lines:
        match = re.match(r"^([! ])\s+(\d+)\s", line)
        if match:
            found.append((int(match.group(2)), match.group(1) == "!"))
    return found


def keys(lines):
    return [key for key, _ in listed_keys(lines)]


def run_editor(command, binary, store, sync, other_writes):
    """Starts the editor on its driver, plays the other process's part, returns what it observed."""
    env = environment(store)
    env.update(REPORTDESK_TEST_BINARY=binary, REPORTDESK_TEST_STORE=store, REPORTDESK_TEST_SYNC=str(sync),
               HOME=str(sync), XDG_CONFIG_HOME=str(sync / "config"), XDG_DATA_HOME=str(sync / "data"),
               XDG_STATE_HOME=str(sync / "state"), TERM="dumb")
    editor = subprocess.Popen(command, cwd=str(sync), env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for name, write in other_writes:
            wait_for(sync / name, editor)
            write()
        output = editor_output(editor)
    finally:
        if editor.poll() is None:
            editor.kill()
            editor.wait()
    result_file = sync / "result.json"
    assert result_file.exists(), f"the driver wrote no result (status {editor.returncode}):\n{output}"
    observed = json.loads(result_file.read_text(encoding="utf-8"))
    assert observed.get("error") is None, f"{observed['error']}\n{observed.get('messages')}\n{output}"
    assert editor.returncode == 0, output
    return observed


def other_process(binary, store, sync):
    """The other writer: resolves 3 once the list is open, notes 4 once the editor has read it."""
    def resolve_three():
        desk(binary, store, "resolve", "3")

    def note_four():
        desk(binary, store, "note", "4", "the other writer's note")
        (sync / "noted").touch()

    return [("listed", resolve_three), ("shown", note_four)]


def check_common(observed, binary, store):
    assert keys(observed["opened"]) == [1, 2, 3, 4], observed["opened"]
    assert listed_keys(observed["opened"]) == [(1, True), (2, True), (3, False), (4, False)]
    assert keys(observed["after_resolve"]) == [1, 3, 4]
    assert keys(observed["after_external"]) == [1, 4]
    conflicts = [message for message in observed["messages"] if "conflict" in message]
    assert conflicts and all("#4" in message for message in conflicts), observed["messages"]
    report = desk(binary, store, "show", "4")
    assert report["status"] == "pending"
    assert report["note"] == "the other writer's note"
    assert desk(binary, store, "show", "3")["status"] == "resolved"


def check_full(observed, binary, store):
    """Notes, dismiss and undo besides the common part."""
    check_common(observed, binary, store)
    assert observed["note_saved_modified"] in (False, 0)
    assert any("changed elsewhere" in line for line in observed["stale_report"])
    assert len([message for message in observed["messages"] if "conflict" in message]) == 2
    assert observed["conflict_note_modified"] in (True, 1), "the unsaved text stays in its buffer"
    assert observed["conflict_note_lines"] == ["mine"]
    assert keys(observed["after_dismiss"]) == [4]
    assert keys(observed["after_undo"]) == [1, 2, 4]
    assert desk(binary, store, "show", "1")["note"] == "checked in the editor\nsecond line"
    assert desk(binary, store, "show", "2")["status"] == "pending"
    actors = {version["actor"] for version in desk(binary, store, "history", "--limit", "50")["versions"]}
    assert {"setup", "other"} < actors and len(actors) == 3, actors


def need(program):
    path = shutil.which(program)
    assert path, f"{program} is not installed: Scripts/setup installs it"
    return path


def test_neovim(binary, store, tmp_path):
    prepare(binary, store)
    command = [need("nvim"), "--headless", "-u", "NONE", "-i", "NONE", "-n",
               "--cmd", f"set rtp^={EDITORS / 'neovim'}", "-c", f"luafile {DRIVERS / 'drive.lua'}"]
    observed = run_editor(command, binary, store, tmp_path, other_process(binary, store, tmp_path))
    check_full(observed, binary, store)


def test_vim(binary, store, tmp_path):
    prepare(binary, store)
    command = [need("vim"), "-N", "-u", "NONE", "-i", "NONE", "-n", "-es",
               "--cmd", f"set rtp^={EDITORS / 'vim'}", "-S", str(DRIVERS / "drive.vim")]
    observed = run_editor(command, binary, store, tmp_path, other_process(binary, store, tmp_path))
    check_full(observed, binary, store)


def test_emacs(binary, store, tmp_path):
    prepare(binary, store)
    command = [need("emacs"), "--batch", "-Q", "-L", str(EDITORS / "emacs"), "-l", str(DRIVERS / "drive.el")]
    observed = run_editor(command, binary, store, tmp_path, other_process(binary, store, tmp_path))
    check_full(observed, binary, store)
