"""One-shot commands on a terminal: an import shows its progress, and nothing ever asks."""
import os
import pathlib
import subprocess

import pexpect

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_import_shows_progress_on_a_terminal_and_not_in_a_pipe(binary, store, tmp_path):
    data = tmp_path / "reports.jsonl"
    with open(data, "w") as target:
        subprocess.run([str(ROOT / "Scripts" / "generate-reports"), "60000", "--seed", "3", "--shape", "short"],
                       stdout=target, check=True)
    env = dict(os.environ, REPORTDESK_STORE=store, TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(binary, ["import", str(data)], env=env, encoding="utf-8", timeout=120, dimensions=(24, 120))
    child.expect(r"\d+% +\d+ rows.*rows/s")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "imported" in child.before or "60000" in child.before

    piped = subprocess.run([binary, "--store", store + "-piped", "import", str(data)], capture_output=True, text=True)
    assert piped.returncode == 0
    assert "rows/s" not in piped.stderr, "no progress line when stderr is not a terminal"


def test_a_bulk_change_asks_once_at_a_terminal_and_never_with_yes_or_json(binary, store):
    env = dict(os.environ, REPORTDESK_STORE=store, TERM="xterm", NO_COLOR="1")
    for _ in range(8):
        subprocess.run([binary, "submit", "--category", "payment", "--issue-type", "other"], env=env, check=True,
                       capture_output=True)
    child = pexpect.spawn(binary, ["resolve", "--ids", "1-5"], env=env, encoding="utf-8", timeout=30)
    child.expect(r"Resolve 5 reports\?")
    child.expect(r"Proceed\? \[y/N\] ")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert "nothing changed" in child.before and "error" not in child.before, child.before
    assert child.exitstatus == 1, "nothing was done"

    for arguments in (["resolve", "--ids", "1-5", "--yes"], ["--json", "resolve", "--ids", "6-8,1"]):
        child = pexpect.spawn(binary, arguments, env=env, encoding="utf-8", timeout=30)
        index = child.expect(["Proceed", pexpect.EOF])
        assert index == 1, f"{arguments} must not wait for an answer"
        child.close()
        assert child.exitstatus == (0 if "--yes" in arguments else 1), child.before
    pending = subprocess.run([binary, "--json", "info"], env=env, capture_output=True, text=True, check=True).stdout
    assert '"pending":3' in pending, "--yes resolved 1-5; the --json set held #1, already resolved, so nothing changed"
