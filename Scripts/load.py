#!/usr/bin/env python3
"""A busy team on one store for a set time, then a check that nothing it was told is lost.

usage: Scripts/load.py --binary PATH [--seconds 60] [--reports 3000] [--seed S] [--store DIR] [--json FILE]

On one store seeded with a few thousand reports, at the same time and until the time is up:
  8 `reportdesk rpc` sessions (editor plugins): show, list, note, resolve with ifVersion; each keeps
    every `store/changed` notification it receives;
  4 one-shot writers (cron jobs, a fraction of a second apart): imports of small generated files,
    bulk `resolve --ids`;
  4 one-shot readers: list, search, stats;
  1 REPL on a pseudo-terminal (pexpect from the test virtualenv): notes and lists.
Then it checks, and exits 1 if any check fails:
  - every acknowledged write is found at the version it was acknowledged with (show --at);
  - the history holds versions 1…n, each once;
  - no write failed with -32004 (lock time-out or store unavailable) at the default timeout;
  - every rpc session was told of every version it did not write itself (a notification may cover
    several versions: `version` is the newest and `keys` the union);
  - `verify` passes.
It prints throughput, write latency (p50/p99) by front end, and how busy the write lock was (sampled
from /proc/locks), plus waits estimated as write latency beyond the same write's uncontended median.
Python standard library, plus pexpect for the REPL (skipped with a note when pexpect is missing).
"""
import argparse
import json
import os
import pathlib
import queue
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
RPC_SESSIONS, ONESHOT_WRITERS, READERS = 8, 4, 4
# Only a guard against a hung process; the figures never depend on it.
HANG_GUARD = 120
PROMPT = re.compile(rb"reportdesk (?:\d+ pending[^\r\n>]*)?> ")
# Which error codes are outcomes of a busy desk rather than failures.
CONFLICT, RULE, UNAVAILABLE = -32002, -32003, -32004


def environment(store, actor):
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTDESK_")}
    env.update(REPORTDESK_STORE=store, REPORTDESK_ACTOR=actor, TZ="UTC", NO_COLOR="1", SWIFT_BACKTRACE="enable=no")
    return env


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Tally:
    """What one actor did: acknowledged writes, latencies, error codes."""

    def __init__(self, name):
        self.name = name
        self.acks = []          # (version or None, kind, key or reportId, expected value)
        self.write_ms = []
        self.read_ms = []
        self.errors = {}        # code -> count
        self.problems = []

    def error(self, code, message):
        self.errors[code] = self.errors.get(code, 0) + 1
        if code not in (CONFLICT, RULE) and len(self.problems) < 5:
            self.problems.append(f"{self.name}: {code} {message}")


class RPCSession:
    """One `reportdesk rpc` process: requests in order, notifications collected as they come."""

    def __init__(self, binary, store, actor):
        self.process = subprocess.Popen([binary, "rpc"], env=environment(store, actor), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.replies = queue.Queue()
        self.notifications = []  # (version, keys)
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            message = json.loads(line)
            if message.get("method") == "store/changed":
                params = message["params"]
                self.notifications.append((params["version"], set(params["keys"])))
            elif "id" in message:
                self.replies.put(message)
        self.replies.put(None)

    def call(self, method, params=None):
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}}
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        reply = self.replies.get(timeout=HANG_GUARD)
        assert reply is not None, "the rpc server ended its output"
        assert reply["id"] == self.next_id, reply
        return reply

    def pipelined(self, requests):
        """Sends many requests at once and returns their replies in order."""
        first = self.next_id + 1
        lines = []
        for method, params in requests:
            self.next_id += 1
            lines.append(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}))
        writer = threading.Thread(target=lambda: (self.process.stdin.write(("\n".join(lines) + "\n").encode()),
                                                  self.process.stdin.flush()))
        writer.start()
        replies = [self.replies.get(timeout=HANG_GUARD) for _ in lines]
        writer.join()
        assert [r["id"] for r in replies] == list(range(first, self.next_id + 1))
        return replies

    def close(self):
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        self.process.wait(timeout=HANG_GUARD)


def oneshot(binary, store, actor, *args):
    """One `--json` command in its own process; returns (result or None, error or None, ms)."""
    started = time.monotonic()
    done = subprocess.run([binary, "--json", *args], env=environment(store, actor), capture_output=True,
                          timeout=HANG_GUARD)
    ms = (time.monotonic() - started) * 1000
    value = json.loads(done.stdout) if done.stdout.strip() else {"error": {"code": None, "message": done.stderr.decode()}}
    if done.returncode == 0:
        return value, None, ms
    return None, value.get("error", {"code": None, "message": done.stderr.decode()}), ms


class Desk:
    """The shared store, the key ranges each actor may process, and the clock that stops them."""

    def __init__(self, binary, store, reports, seed, seconds):
        self.binary, self.store, self.seed = binary, store, seed
        self.reports = reports
        self.deadline = None
        self.seconds = seconds
        # Bulk resolves need reports nobody else processes: each cron writer owns a slice of the
        # first half of the keys; the rpc sessions and the REPL share the second half.
        half = reports // 2
        slice_size = half // ONESHOT_WRITERS
        self.cron_keys = [list(range(1 + i * slice_size, 1 + (i + 1) * slice_size)) for i in range(ONESHOT_WRITERS)]
        self.shared_keys = list(range(half + 1, reports + 1))

    def running(self):
        return time.monotonic() < self.deadline


def seed_store(desk):
    generated = subprocess.run([sys.executable, str(ROOT / "Scripts" / "generate-reports"), str(desk.reports),
                                "--seed", str(desk.seed)], capture_output=True, check=True).stdout
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as rows:
        rows.write(generated)
    try:
        result, error, _ = oneshot(desk.binary, desk.store, "seed", "import", rows.name)
    finally:
        os.unlink(rows.name)
    assert error is None and result["imported"] == desk.reports, error or result
    return result["version"]


def rpc_actor(desk, index, tally, session, rng):
    own = set()
    while desk.running():
        roll = rng.random()
        key = rng.choice(desk.shared_keys)
        started = time.monotonic()
        if roll < 0.35:
            reply = session.call("show", {"id": key})
            tally.read_ms.append((time.monotonic() - started) * 1000)
        elif roll < 0.5:
            reply = session.call("list", {"status": "pending", "sort": "dueAt", "limit": 20})
            tally.read_ms.append((time.monotonic() - started) * 1000)
        elif roll < 0.8:
            text = f"rpc{index} note {len(tally.acks)} {rng.getrandbits(32):08x}"
            reply = session.call("note", {"id": key, "text": text})
            if "result" in reply:
                tally.write_ms.append((time.monotonic() - started) * 1000)
                tally.acks.append((reply["result"]["version"], "note", key, text))
                own.add(reply["result"]["version"])
        else:
            shown = session.call("show", {"id": key})
            if "result" not in shown or shown["result"]["status"] != "pending":
                continue
            started = time.monotonic()
            reply = session.call("resolve", {"id": key, "ifVersion": shown["result"]["version"], "note": f"rpc{index}"})
            if "result" in reply:
                tally.write_ms.append((time.monotonic() - started) * 1000)
                tally.acks.append((reply["result"]["version"], "status", key, "resolved"))
                own.add(reply["result"]["version"])
        if "error" in reply:
            tally.error(reply["error"]["code"], reply["error"]["message"])
    return own


def import_rows(index, batch, count, rng):
    rows = []
    for row in range(count):
        rows.append({
            "reportId": f"LOAD-{index}-{batch}-{row}", "category": "experience",
            "issueType": rng.choice(["crash_or_freeze", "slow_loading", "display_problem"]),
            "openId": f"_load{index}{rng.getrandbits(40):010x}",
            "details": f"load test import {index}/{batch}/{row}: the game freezes on level {rng.randint(1, 99)}",
            "reportedAt": "2026-11-28T10:%02d:%02dZ" % (rng.randint(0, 59), rng.randint(0, 59)),
        })
    return rows


def oneshot_writer(desk, index, tally, rng, folder):
    mine = list(desk.cron_keys[index])
    rng.shuffle(mine)
    batch = 0
    while desk.running():
        # A cron job runs now and then, not back to back: a short random pause between runs.
        if batch:
            time.sleep(rng.uniform(0.2, 1.0))
        batch += 1
        if batch % 2 == 1 or len(mine) < 8:
            rows = import_rows(index, batch, rng.randint(5, 20), rng)
            path = os.path.join(folder, f"cron{index}-{batch}.jsonl")
            with open(path, "w", encoding="utf-8") as out:
                out.write("".join(json.dumps(row) + "\n" for row in rows))
            result, error, ms = oneshot(desk.binary, desk.store, f"cron{index}", "import", path)
            os.unlink(path)
            if result is not None:
                tally.write_ms.append(ms)
                if result["imported"] != len(rows):
                    tally.problems.append(f"cron{index}: import of {len(rows)} rows imported {result['imported']}")
                for row in rows:
                    tally.acks.append((result["version"], "imported", row["reportId"], row["details"]))
        else:
            keys = [mine.pop() for _ in range(rng.randint(4, 8))]
            result, error, ms = oneshot(desk.binary, desk.store, f"cron{index}", "resolve",
                                        "--ids", ",".join(map(str, keys)), "--note", f"cron{index} bulk")
            if result is not None:
                tally.write_ms.append(ms)
                for key in keys:
                    tally.acks.append((result["version"], "status", key, "resolved"))
        if error is not None:
            tally.error(error.get("code"), error.get("message"))


def reader(desk, index, tally, rng):
    queries = [("list", "--status", "pending", "--sort", "dueAt", "--limit", "50"), ("search", "freezes"),
               ("search", "refund"), ("stats",), ("list", "--past-due", "--category", "payment", "--limit", "20")]
    while desk.running():
        result, error, ms = oneshot(desk.binary, desk.store, f"reader{index}", *rng.choice(queries))
        if error is None:
            tally.read_ms.append(ms)
        else:
            tally.error(error.get("code"), error.get("message"))


def repl_actor(desk, tally, rng):
    """An operator at the REPL on a pseudo-terminal: notes (acknowledged by the prompt coming back
    without an error) and lists."""
    try:
        import pexpect
    except ImportError:
        tally.problems.append("repl: skipped, pexpect is not installed (run it with the test virtualenv)")
        return False
    env = environment(desk.store, "repl")
    env["TERM"] = "xterm"
    child = pexpect.spawn(desk.binary, [], env=env, dimensions=(40, 160), timeout=HANG_GUARD)
    child.expect(PROMPT)
    count = 0
    while desk.running():
        count += 1
        key = rng.choice(desk.shared_keys)
        if count % 3:
            text = f"repl note {count} {rng.getrandbits(32):08x}"
            started = time.monotonic()
            child.send(f'note {key} "{text}"\r')
            child.expect(PROMPT)
            output = child.before.decode(errors="replace")
            failure = re.search(r"^\s*error: (.*)$", output, re.MULTILINE)
            if failure:
                message = failure.group(1)
                code = CONFLICT if "changed since" in message else UNAVAILABLE if "store" in message else None
                tally.error(code, message)
            else:
                tally.write_ms.append((time.monotonic() - started) * 1000)
                tally.acks.append((None, "note", key, text))
        else:
            started = time.monotonic()
            child.send("list --status pending --limit 5\r")
            child.expect(PROMPT)
            tally.read_ms.append((time.monotonic() - started) * 1000)
    child.send("\x04")
    child.expect(pexpect.EOF)
    child.close()
    return True


def lock_sampler(desk, path, figures):
    """Samples /proc/locks for the lock on store.lock: the share of samples that found it held, and
    how long each holder kept it, by what the holding process is (rpc, repl, or the one-shot
    command)."""
    inode = os.stat(path).st_ino
    held = samples = 0
    holder, holder_kind, since = None, None, None
    holds = {}

    def kind(pid):
        """What the process is, read when its hold is first seen (process ids are reused)."""
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                words = [w.decode(errors="replace") for w in cmdline.read().split(b"\0") if w]
        except OSError:
            return "ended"
        rest = [w for w in words[1:] if not w.startswith("--")]
        return "repl" if not rest else rest[0]

    while desk.running():
        try:
            with open("/proc/locks", encoding="ascii") as locks:
                lines = locks.read().splitlines()
        except OSError:
            return
        now = time.monotonic()
        samples += 1
        current = None
        for line in lines:
            fields = line.split()
            if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].endswith(f":{inode}"):
                current = fields[4]
        if current is not None:
            held += 1
        if current != holder:
            if holder is not None:
                holds.setdefault(holder_kind, []).append((now - since) * 1000)
            holder, since = current, now
            holder_kind = kind(current) if current is not None else None
        time.sleep(0.005)
    figures["lockHeldShare"] = held / samples if samples else None
    figures["lockHoldMs"] = {name: {"holds": len(values), "p50": percentile(values, 0.5), "max": max(values)}
                             for name, values in sorted(holds.items())}


def baseline(desk):
    """Uncontended write latency of each front end, taken before the load starts."""
    session = RPCSession(desk.binary, desk.store, "baseline")
    rpc = []
    for n in range(30):
        started = time.monotonic()
        reply = session.call("note", {"id": desk.shared_keys[n], "text": f"baseline {n}"})
        assert "result" in reply, reply
        rpc.append((time.monotonic() - started) * 1000)
    session.close()
    shot = [oneshot(desk.binary, desk.store, "baseline", "note", str(desk.shared_keys[n]), f"baseline again {n}")[2]
            for n in range(5)]
    return {"rpc": statistics.median(rpc), "oneshot": statistics.median(shot)}


def verify_acks(desk, tallies, versions):
    """Every acknowledged change is at its version; returns the problems found."""
    problems = []
    session = RPCSession(desk.binary, desk.store, "checker")
    checks = []
    repl = []
    for tally in tallies:
        for version, kind, target, expected in tally.acks:
            if version is None:
                repl.append((target, expected))
                continue
            entry = versions.get(version)
            if entry is None:
                problems.append(f"{tally.name}: acknowledged version {version} is not in the history")
                continue
            checks.append((tally.name, version, kind, target, expected, entry))
    replies = session.pipelined([("show", {"id": target, "at": version}) for _, version, _, target, _, _ in checks])
    for (name, version, kind, target, expected, entry), reply in zip(checks, replies):
        report = reply.get("result")
        if report is None:
            problems.append(f"{name}: {kind} of {target} acknowledged at v{version}: {reply['error']['message']}")
            continue
        # An import's version lists no keys (its reports are counted, not listed).
        if entry["actor"] != name or kind != "imported" and report["key"] not in entry["keys"]:
            problems.append(f"{name}: v{version} is {entry['actor']}'s change of {entry['keys'][:5]}, not this {kind} of {target}")
        value = {"note": report["note"], "status": report["status"], "imported": report.get("details")}[kind]
        if value != expected:
            problems.append(f"{name}: {kind} of {target} acknowledged at v{version}, found {value!r}")
    # The REPL acknowledges with its prompt: its note must be at one of the versions it made of that key.
    for key, text in repl:
        made = [v for v, entry in versions.items() if entry["actor"] == "repl" and key in entry["keys"]]
        shown = session.pipelined([("show", {"id": key, "at": v}) for v in made]) if made else []
        if not any(reply.get("result", {}).get("note") == text for reply in shown):
            problems.append(f"repl: note {text!r} on #{key} acknowledged but at no version")
    session.close()
    return problems, len(checks) + len(repl)


def full_history(desk):
    session = RPCSession(desk.binary, desk.store, "checker")
    entries, cursor = [], None
    while True:
        params = {"limit": 1000}
        if cursor:
            params["cursor"] = cursor
        result = session.call("history", params)["result"]
        entries.extend(result["versions"])
        cursor = result["nextCursor"]
        if not cursor:
            break
    session.close()
    return entries


def notification_problems(name, start, final, own, notifications, versions):
    """Each version after `start` that the session did not write is covered by a notification whose
    version is at or after it and whose keys include the keys it changed."""
    problems = []
    ordered = sorted(notifications, key=lambda n: n[0])
    for version in range(start + 1, final + 1):
        if version in own:
            continue
        covering = next((n for n in ordered if n[0] >= version), None)
        if covering is None:
            problems.append(f"{name}: never told of v{version}")
        elif not set(versions[version]["keys"]) <= covering[1]:
            problems.append(f"{name}: told of v{covering[0]} without the keys of v{version} {versions[version]['keys'][:5]}")
        if len(problems) >= 5:
            break
    return problems


def run(args):
    binary = os.path.abspath(args.binary)
    store = args.store or tempfile.mkdtemp(prefix="reportdesk-load-")
    store_path = os.path.join(store, "store") if not args.store else store
    work = tempfile.mkdtemp(prefix="reportdesk-load-files-")
    desk = Desk(binary, store_path, args.reports, args.seed, args.seconds)
    rng = random.Random(args.seed)
    seeded = seed_store(desk)
    base = baseline(desk)

    sessions = [RPCSession(binary, store_path, f"rpc{i}") for i in range(RPC_SESSIONS)]
    # A plugin reads the store's version first, and is told of every commit after it.
    starts = [s.call("info")["result"]["version"] for s in sessions]
    tallies = {}
    owns = {}
    figures = {}
    threads = []
    desk.deadline = time.monotonic() + args.seconds

    def spawn(name, body):
        tally = Tally(name)
        tallies[name] = tally
        worker_rng = random.Random(f"{args.seed}-{name}")

        def guarded():
            try:
                body(tally, worker_rng)
            except Exception as error:  # a crash of the driver itself fails the run, with its reason
                tally.problems.append(f"{name}: {type(error).__name__}: {error}")
        threads.append(threading.Thread(target=guarded, name=name))

    for i in range(RPC_SESSIONS):
        spawn(f"rpc{i}", lambda t, r, i=i: owns.__setitem__(f"rpc{i}", rpc_actor(desk, i, t, sessions[i], r)))
    for i in range(ONESHOT_WRITERS):
        spawn(f"cron{i}", lambda t, r, i=i: oneshot_writer(desk, i, t, r, work))
    for i in range(READERS):
        spawn(f"reader{i}", lambda t, r, i=i: reader(desk, i, t, r))
    spawn("repl", lambda t, r: repl_actor(desk, t, r))
    sampler = threading.Thread(target=lock_sampler, args=(desk, os.path.join(store_path, "store.lock"), figures))
    began = time.monotonic()
    for thread in threads + [sampler]:
        thread.start()
    for thread in threads + [sampler]:
        thread.join()
    elapsed = time.monotonic() - began

    final = oneshot(binary, store_path, "checker", "info")[0]["version"]
    # Give every server time to notice the last commits (it looks a few times a second).
    def told_enough(session, start, own):
        foreign = [v for v in range(start + 1, final + 1) if v not in own]
        return not foreign or any(n[0] >= foreign[-1] for n in list(session.notifications))
    settle = time.monotonic() + 10
    while time.monotonic() < settle and not all(
            told_enough(s, start, owns.get(f"rpc{i}", set())) for i, (s, start) in enumerate(zip(sessions, starts))):
        time.sleep(0.1)
    for session in sessions:
        session.close()

    entries = full_history(desk)
    numbers = [e["version"] for e in entries]
    versions = {e["version"]: e for e in entries}
    problems = []
    if sorted(numbers) != list(range(1, final + 1)):
        duplicates = len(numbers) - len(set(numbers))
        problems.append(f"history: {len(numbers)} entries for versions 1…{final}, {duplicates} used twice")
    lost, checked = verify_acks(desk, tallies.values(), versions)
    problems += lost
    notified = []
    for i, (session, start) in enumerate(zip(sessions, starts)):
        notified += notification_problems(f"rpc{i}", start, final, owns.get(f"rpc{i}", set()), session.notifications, versions)
    problems += notified
    verified, error, _ = oneshot(binary, store_path, "checker", "verify")
    if error is not None:
        problems.append(f"verify: {error.get('message')}")
    timeouts = sum(t.errors.get(UNAVAILABLE, 0) for t in tallies.values())
    for tally in tallies.values():
        problems += tally.problems

    def latency(kinds):
        values = [ms for name, t in tallies.items() if name.rstrip("0123456789") in kinds for ms in t.write_ms]
        return {"writes": len(values), "p50": percentile(values, 0.5), "p99": percentile(values, 0.99)}

    waits = [max(0.0, ms - base["rpc" if name.startswith("rpc") else "oneshot"])
             for name, t in tallies.items() if not name.startswith("repl") for ms in t.write_ms]
    report = {
        "seconds": round(elapsed, 1), "seedReports": args.reports, "seedVersion": seeded, "finalVersion": final,
        "acknowledgedWrites": sum(len(t.write_ms) for t in tallies.values()),
        "reads": sum(len(t.read_ms) for t in tallies.values()),
        "writesPerSecond": round(sum(len(t.write_ms) for t in tallies.values()) / elapsed, 1),
        "readsPerSecond": round(sum(len(t.read_ms) for t in tallies.values()) / elapsed, 1),
        "writeLatencyMs": {"all": latency({"rpc", "cron", "repl"}), "rpc": latency({"rpc"}),
                           "oneshot": latency({"cron"}), "repl": latency({"repl"})},
        "readLatencyMs": {"p50": percentile([ms for t in tallies.values() for ms in t.read_ms], 0.5),
                          "p99": percentile([ms for t in tallies.values() for ms in t.read_ms], 0.99)},
        "uncontendedWriteMs": base,
        "estimatedLockWaitMs": {"p50": percentile(waits, 0.5), "p99": percentile(waits, 0.99), "max": max(waits, default=None)},
        "lockHeldShare": figures.get("lockHeldShare"),
        "lockHoldMs": figures.get("lockHoldMs"),
        "conflicts": sum(t.errors.get(CONFLICT, 0) for t in tallies.values()),
        "ruleRefusals": sum(t.errors.get(RULE, 0) for t in tallies.values()),
        "lockTimeouts": timeouts,
        "acknowledgedChecked": checked,
        "notifications": sum(len(s.notifications) for s in sessions),
        "lost": len(lost), "notificationGaps": len(notified), "verifyOk": error is None,
        "problems": problems[:20], "ok": not problems and timeouts == 0,
    }
    if not args.store:
        shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    return report


def describe(report):
    def ms(value):
        return "-" if value is None else f"{value:.1f} ms"
    w = report["writeLatencyMs"]
    lines = [
        f"load: {report['seconds']} s on {report['seedReports']} seeded reports, versions {report['seedVersion']}…{report['finalVersion']}",
        f"  writes acknowledged {report['acknowledgedWrites']} ({report['writesPerSecond']}/s), reads {report['reads']} ({report['readsPerSecond']}/s)",
    ]
    for name in ("all", "rpc", "oneshot", "repl"):
        lines.append(f"  write latency {name:8} n={w[name]['writes']:<6} p50 {ms(w[name]['p50'])}  p99 {ms(w[name]['p99'])}")
    lines += [
        f"  read latency p50 {ms(report['readLatencyMs']['p50'])}  p99 {ms(report['readLatencyMs']['p99'])}",
        f"  uncontended write: rpc {ms(report['uncontendedWriteMs']['rpc'])}, one-shot {ms(report['uncontendedWriteMs']['oneshot'])}; "
        f"estimated lock wait p50 {ms(report['estimatedLockWaitMs']['p50'])} p99 {ms(report['estimatedLockWaitMs']['p99'])} "
        f"max {ms(report['estimatedLockWaitMs']['max'])}",
        f"  write lock held in {0 if report['lockHeldShare'] is None else report['lockHeldShare'] * 100:.0f} % of samples; "
        "held by: " + ", ".join(f"{name} {h['holds']}× p50 {ms(h['p50'])} max {ms(h['max'])}"
                                for name, h in (report["lockHoldMs"] or {}).items()),
        f"  conflicts {report['conflicts']}, rule refusals {report['ruleRefusals']}, lock time-outs {report['lockTimeouts']}",
        f"  checked {report['acknowledgedChecked']} acknowledged changes: lost {report['lost']}; "
        f"{report['notifications']} notifications, gaps {report['notificationGaps']}; verify {'ok' if report['verifyOk'] else 'FAILED'}",
    ]
    lines += [f"  problem: {p}" for p in report["problems"]]
    lines.append("load: " + ("passed" if report["ok"] else "FAILED"))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="Run a busy team against one store, then check nothing was lost.")
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "reportdesk"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--reports", type=int, default=3000, help="reports the store is seeded with")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", help="use (and keep) this store folder instead of a temporary one")
    parser.add_argument("--json", help="also write the figures as JSON to this file")
    args = parser.parse_args()
    report = run(args)
    print(describe(report))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
