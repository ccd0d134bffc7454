"""The short load test: Scripts/load.py for 20 seconds on a store of 2,000 reports (8 rpc sessions,
4 one-shot writers, 4 readers, a REPL on a pty), then its checks: nothing acknowledged lost, no
version used twice, no lock time-out, every store/changed delivered, verify clean.
`Scripts/stress --load SECONDS` runs the same for longer."""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_short_load_loses_nothing(binary, tmp_path):
    figures = tmp_path / "load.json"
    done = subprocess.run([sys.executable, str(ROOT / "Scripts" / "load.py"), "--binary", binary, "--seconds", "20",
                           "--reports", "2000", "--seed", "7", "--store", str(tmp_path / "store"), "--json", str(figures)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(figures.read_text())
    assert report["lost"] == 0 and report["lockTimeouts"] == 0 and report["notificationGaps"] == 0, report
    assert report["verifyOk"], report
    assert report["writeLatencyMs"]["rpc"]["writes"] > 50 and report["writeLatencyMs"]["oneshot"]["writes"] > 5, report
    assert report["writeLatencyMs"]["repl"]["writes"] > 0, report
    assert report["acknowledgedChecked"] >= report["acknowledgedWrites"], report
    assert report["notifications"] > 0, report
