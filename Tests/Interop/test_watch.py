"""`watch` as a pipe sees it: one JSON line per event as other processes write, a due instant
passing while it runs, and a clean end on a closed pipe, SIGTERM and SIGINT."""
import json
import os
import select
import signal
import subprocess
import time
from datetime import datetime, timedelta, timezone

import pytest

DAY = "2026-11-20T10:00:00Z"


def rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@pytest.fixture
def desk(binary, store):
    """Report 1 (payment) reported at DAY, so due 72 h later; report 2 an hour later."""
    env = dict(os.environ, REPORTDESK_STORE=store, REPORTDESK_ACTOR="tester")
    env.pop("REPORTDESK_CLOCK", None)

    def run(*words, **extra):
        return subprocess.run([binary, *words], env=dict(env, **extra), check=True, capture_output=True, text=True)

    run("submit", "--category", "payment", "--issue-type", "refund_request", "--details", "first", "--reported-at", DAY)
    run("submit", "--category", "payment", "--issue-type", "refund_request", "--details", "second",
        "--reported-at", "2026-11-20T11:00:00Z")
    run("config", "set", "contactEmail", "dev@example.com")
    return env, run


class Watch:
    """A running `watch` whose lines are read with a deadline each."""

    def __init__(self, binary, env, *arguments, clock=None):
        environment = dict(env)
        if clock:
            environment["REPORTDESK_CLOCK"] = clock
        self.process = subprocess.Popen([binary, *arguments], env=environment, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, bufsize=1)
        self.buffer = ""

    def line(self, within: float) -> str | None:
        deadline = time.monotonic() + within
        while "\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.process.stdout], [], [], left)[0]:
                return None
            chunk = os.read(self.process.stdout.fileno(), 65536).decode()
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split("\n", 1)
        return line

    def event(self, within: float) -> dict | None:
        line = self.line(within)
        return json.loads(line) if line is not None else None

    def stop(self, signal_number=signal.SIGTERM) -> int:
        self.process.send_signal(signal_number)
        return self.process.wait(timeout=5)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def test_a_commit_by_another_process_a_due_instant_passing_and_sigterm(binary, desk):
    env, run = desk
    # The clock starts 1.5 s before report 1 falls due and runs on with real time.
    start = datetime(2026, 11, 23, 10, 0, 0, tzinfo=timezone.utc) - timedelta(seconds=1.5)
    watch = Watch(binary, env, "--json", "watch", clock=rfc3339(start))
    try:
        time.sleep(0.5)  # watching has started: it reads the version it starts from first
        assert watch.line(0.2) is None, "nothing has happened yet"
        before = time.monotonic()
        run("resolve", "2", "--note", "refunded")
        changed = watch.event(within=1.0)
        assert changed is not None, "a commit by another process is told within 1 s"
        assert time.monotonic() - before < 1.0
        assert changed == {"event": "changed", "version": 4, "actor": "tester", "command": "resolve", "keys": [2],
                           "summary": changed["summary"]}
        past_due = watch.event(within=3.0)
        assert past_due == {"event": "pastDue", "key": 1, "dueAt": "2026-11-23T10:00:00Z"}
        assert watch.line(0.5) is None, "each event is told once"
        assert watch.stop(signal.SIGTERM) == 0
        assert json.loads(watch.process.stdout.read().strip()) == {"event": "stopped", "reason": "signal", "events": 2,
                                                                   "version": 4}
    finally:
        watch.kill()


def test_due_soon_once_per_report_and_appeals_opened(binary, desk):
    env, run = desk
    watch = Watch(binary, env, "watch", "--json", "--due-within", "2h", clock="2026-11-23T09:30:00Z")
    try:
        # Report 1 is due at 10:00 (within 2 h); report 2 at 11:00 (also within 2 h).
        first, second = watch.event(within=2.0), watch.event(within=1.0)
        assert [first["event"], first["key"], second["event"], second["key"]] == ["dueSoon", 1, "dueSoon", 2]
        run("resolve", "1", REPORTDESK_CLOCK="2026-11-23T09:31:00Z")
        assert watch.event(within=1.0)["command"] == "resolve"
        run("appeal", "open", "1", "I was not refunded", REPORTDESK_CLOCK="2026-11-23T09:32:00Z")
        assert watch.event(within=1.0)["command"] == "appeal.open"
        assert watch.event(within=1.0) == {"event": "appealOpened", "key": 1, "version": 5}
        # Overturned, the resolved report is pending again, still due within the window.
        run("appeal", "decide", "1", "--outcome", "overturned", "--note", "not refunded", REPORTDESK_CLOCK="2026-11-23T09:33:00Z")
        assert watch.event(within=1.0)["command"] == "appeal.decide"
        assert watch.line(0.6) is None, "a report already told about as coming due is not told again"
        assert watch.stop(signal.SIGINT) == 0
    finally:
        watch.kill()


def test_human_lines_without_json(binary, desk):
    env, run = desk
    watch = Watch(binary, env, "--tz", "UTC", "watch", "--due-within", "90m", clock="2026-11-23T09:29:30Z")
    try:
        assert watch.line(2.0) == "due soon: #1 at 2026-11-23 10:00 (in 30 min)"
        run("note", "2", "called back")
        line = watch.line(1.0)
        assert line.startswith("version 4 · tester · note · #2"), line
        assert watch.stop() == 0
        assert watch.process.stdout.read() == "", "people see nothing more when watching ends"
    finally:
        watch.kill()


def test_a_closed_pipe_ends_it_with_status_0(binary, desk):
    env, run = desk
    pipeline = subprocess.Popen(["bash", "-c", 'set -o pipefail; "$0" --json watch | head -1', binary], env=env,
                                stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.5)
        run("note", "1", "one")
        out, _ = pipeline.communicate(timeout=5)
        assert pipeline.returncode == 0, "watch and head both end with status 0"
        assert json.loads(out)["event"] == "changed"
    finally:
        if pipeline.poll() is None:
            pipeline.kill()


def test_a_reader_gone_ends_it_even_when_nothing_happens(binary, desk):
    env, _ = desk
    read_end, write_end = os.pipe()
    process = subprocess.Popen([binary, "watch"], env=env, stdout=write_end, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        time.sleep(0.3)
        os.close(read_end)
        assert process.wait(timeout=3) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_it_uses_no_processor_while_nothing_happens(binary, desk):
    env, _ = desk
    watch = Watch(binary, env, "watch")
    try:
        time.sleep(0.5)
        ticks = os.sysconf("SC_CLK_TCK")

        def used() -> float:
            fields = open(f"/proc/{watch.process.pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / ticks

        before = used()
        time.sleep(2.0)
        assert used() - before < 0.3, "a bounded poll, not a busy loop"
        assert watch.stop() == 0
    finally:
        watch.kill()


def test_json_rpc_refuses_it_and_points_to_store_changed(binary, desk):
    env, _ = desk
    done = subprocess.run([binary, "rpc"], input='{"jsonrpc":"2.0","id":1,"method":"watch"}\n', env=env,
                          capture_output=True, text=True, timeout=10)
    reply = json.loads(done.stdout.splitlines()[0])
    assert reply["error"]["code"] == -32600
    assert reply["error"]["data"] == {"notification": "store/changed"}
