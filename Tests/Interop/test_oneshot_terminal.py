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


def test_bulk_change_never_asks_in_one_shot_mode(binary, store):
    env = dict(os.environ, REPORTDESK_STORE=store, TERM="xterm")
    for _ in range(5):
        subprocess.run([binary, "submit", "--category", "payment", "--issue-type", "other"], env=env, check=True,
                       capture_output=True)
    child = pexpect.spawn(binary, ["resolve", "--ids", "1,2,3,4,5"], env=env, encoding="utf-8", timeout=30)
    index = child.expect(["Proceed", pexpect.EOF])
    assert index == 1, "a one-shot command must not wait for an answer"
    child.close()
    assert child.exitstatus == 0
