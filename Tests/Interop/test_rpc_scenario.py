"""A plain newline JSON-RPC client drives `reportdesk rpc`: the vertical-slice scenario, and every
command's result checked with a full JSON Schema validator against what `rpc.discover` declares.
The client and the scenario loader here are shared by the other interoperability tests."""
import json
import os
import pathlib
import queue
import subprocess
import threading
import time

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "Samples" / "scenario" / "vertical-slice.jsonl"
CLOCK = "2026-11-24T12:00:00Z"
# Only a guard against a hung server; no test depends on how fast anything is.
HANG_GUARD = 60


def load_scenario():
    """The scenario's steps: [{"method": …, "params": {…}}, …]."""
    return [json.loads(line) for line in SCENARIO.read_text(encoding="utf-8").splitlines() if line.strip()]


def environment(store, clock=CLOCK):
    """The server's environment: a fixed store, actor, zone and (by default) clock."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("REPORTDESK_")}
    env.update(REPORTDESK_STORE=store, REPORTDESK_ACTOR="interop", TZ="UTC", NO_COLOR="1")
    if clock:
        env["REPORTDESK_CLOCK"] = clock
    return env


def outcome(reply):
    """What a step produced: the whole result, or the whole error as {"error": …}."""
    return reply["result"] if "result" in reply else {"error": reply["error"]}


class RPCClient:
    """What every test client does once its transport is set up: send a request, collect
    notifications that arrive meanwhile, return the reply with the same id."""

    messages: queue.Queue
    notifications: list

    def send(self, message):
        raise NotImplementedError

    def call(self, method, params=None, id=1):
        request = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            request["params"] = params
        self.send(request)
        # Notifications alone must not keep the wait going: the reply comes within the guard.
        deadline = time.monotonic() + HANG_GUARD
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no reply to {method} (id {id}) within {HANG_GUARD} s"
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                raise AssertionError(f"no reply to {method} (id {id}) within {HANG_GUARD} s") from None
            assert message is not None, "the server ended its output"
            if "method" in message:
                self.notifications.append(message)
                continue
            assert message["id"] == id, message
            return message

    def close(self):
        self.process.stdin.close()
        return self.process.wait(timeout=HANG_GUARD)


class NewlineClient(RPCClient):
    """One JSON value per line each way; it waits for each reply before it sends the next request."""

    def __init__(self, binary, store, clock=CLOCK):
        self.process = subprocess.Popen(
            [binary, "rpc"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=environment(store, clock))
        self.messages = queue.Queue()
        self.notifications = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.messages.put(json.loads(line))
        self.messages.put(None)

    def send(self, message):
        self.process.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
        self.process.stdin.flush()


def run_scenario_newline(binary, store):
    """The scenario's outcomes over the newline client on a fresh store."""
    client = NewlineClient(binary, store)
    outcomes = [outcome(client.call(step["method"], step["params"], id=index + 1)) for index, step in enumerate(load_scenario())]
    assert client.close() == 0
    return outcomes


def check_scenario_facts(outcomes):
    """What the scenario must show, whichever client ran it (Samples/scenario/README.md)."""
    assert outcomes[1]["key"] == 1 and outcomes[1]["reportId"] == "EXP-1001"
    assert outcomes[3]["pastDue"] is True
    assert outcomes[4]["total"] == 3
    assert outcomes[7]["notice"].find("dev@example.com") >= 0
    assert outcomes[8]["status"] == "pending" and outcomes[8]["appeal"]["status"] == "overturned"
    assert outcomes[10]["undid"] == 8 and outcomes[10]["version"] == 9
    assert outcomes[12]["error"]["code"] == -32002 and outcomes[12]["error"]["data"]["version"] == 9
    assert [report["status"] for report in outcomes[13]["reports"]] == ["resolved", "resolved"]
    assert len(outcomes[14]["versions"]) == 5
    assert outcomes[15]["version"] == 10 and outcomes[15]["pending"] == 0


def every_command_calls(folder):
    """Calls that together run every command successfully, in order."""
    (folder / "incoming.jsonl").write_text(
        '{"category":"experience","issueType":"crash_or_freeze","details":"Imported","reportedAt":"2026-11-23T10:00:00Z","reportId":"EXP-77"}\n'
        '{"category":"payment","issueType":"no_such_type","reportedAt":"2026-11-23T11:00:00Z"}\n', encoding="utf-8")
    return [
        ("config.set", {"name": "contactEmail", "value": "dev@example.com"}),
        ("submit", {"category": "experience", "issueType": "crash_or_freeze", "details": "The map freezes", "openId": "u-1",
                    "reportedAt": "2026-11-24T08:00:00Z", "reportId": "EXP-1"}),
        ("submit", {"category": "payment", "issueType": "refund_request", "details": "Charged twice", "orderId": "ORD-1", "openId": "u-2"}),
        ("submit", {"category": "community", "issueType": "harassment", "screenshot": "https://example.com/s.png", "openId": "u-3",
                    "reportedAt": "2026-11-20T09:00:00Z"}),
        ("submit", {"category": "payment", "issueType": "refund_request", "orderId": "ORD-2"}),
        ("list", {}),
        ("list", {"status": "pending", "sort": "dueAt", "desc": True, "limit": 2}),
        ("search", {"query": "freezes"}),
        ("show", {"id": 1}),
        ("show", {"id": "EXP-1", "at": 2}),
        ("note", {"id": 2, "text": "asked the store"}),
        ("resolve", {"id": 2, "note": "refund sent"}),
        ("appeal.open", {"id": 2, "message": "the refund never arrived"}),
        ("appeal.decide", {"id": 2, "outcome": "overturned", "note": "bounced"}),
        ("dismiss", {"id": 4, "note": "duplicate"}),
        ("reopen", {"id": 4, "note": "the user wrote again"}),
        ("resolve", {"ids": [1, 3], "note": "handled together"}),
        ("history", {}),
        ("history", {"id": 2, "limit": 2}),
        ("diff", {"from": 1}),
        ("undo", {}),
        ("info", {}),
        ("stats", {}),
        ("taxonomy", {}),
        ("taxonomy.add", {"category": "ads", "displayName": "Advertisements", "issueTypes": ["misleading_ad"], "fields": ["details"]}),
        ("config.get", {}),
        ("config.get", {"name": "contactEmail"}),
        ("export", {"out": str(folder / "export.jsonl")}),
        ("export", {"format": "csv", "out": str(folder / "export.csv")}),
        ("import", {"path": str(folder / "incoming.jsonl")}),
        ("snapshot.save", {"name": "before-erase"}),
        ("snapshot.list", {}),
        ("erase", {"openId": "u-3"}),
        ("snapshot.restore", {"name": "before-erase"}),
        ("diff", {"from": 0, "limit": 2}),
        ("snapshot.save", {"name": "spare"}),
        ("snapshot.delete", {"name": "spare"}),
        ("snapshot.prune", {"keep": 0}),
        ("verify", {}),
        ("help", {}),
        ("help", {"command": "appeal open"}),
        ("help", {"man": True}),
        ("completion", {"shell": "bash"}),
    ]


def discover(binary, store):
    """The OpenRPC document, by method name."""
    client = NewlineClient(binary, store)
    document = client.call("rpc.discover")["result"]
    client.close()
    return {method["name"]: method for method in document["methods"]}


def test_newline_client_runs_the_scenario(binary, store):
    outcomes = run_scenario_newline(binary, store)
    assert len(outcomes) == len(load_scenario())
    check_scenario_facts(outcomes)


def test_every_result_fits_its_declared_schema(binary, store, tmp_path):
    """rpc.discover's schemas are valid JSON Schema, and every command's result fits its own, under a
    full validator (which, unlike the Swift subset, also checks patterns, lengths and the like)."""
    methods = discover(binary, store)
    for name, method in methods.items():
        jsonschema.Draft202012Validator.check_schema(method["result"]["schema"])
        for param in method["params"]:
            jsonschema.Draft202012Validator.check_schema(param["schema"])
    client = NewlineClient(binary, store)
    covered = set()
    for index, (method, params) in enumerate(every_command_calls(tmp_path)):
        reply = client.call(method, params, id=index)
        assert "result" in reply, (method, params, reply)
        errors = [error.message for error in jsonschema.Draft202012Validator(methods[method]["result"]["schema"]).iter_errors(reply["result"])]
        assert not errors, (method, errors)
        covered.add(method)
    assert client.close() == 0
    # watch runs on, so JSON-RPC refuses it; its result is the last line `--json watch` writes when it ends.
    watch = subprocess.Popen([binary, "--store", store, "--json", "watch"], stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    watch.terminate()
    stopped = json.loads(watch.communicate(timeout=HANG_GUARD)[0].splitlines()[-1])
    assert watch.returncode == 0
    assert not list(jsonschema.Draft202012Validator(methods["watch"]["result"]["schema"]).iter_errors(stopped)), stopped
    covered.add("watch")
    assert covered == set(methods), f"add calls for {set(methods) - covered}"


def test_ids_and_batches_over_a_real_pipe(binary, store):
    client = NewlineClient(binary, store)
    for id in [1, 1.5, -5, "x", None, "é"]:
        assert client.call("ping", id=id) == {"jsonrpc": "2.0", "id": id, "result": {}}
    client.send([{"jsonrpc": "2.0", "id": "a", "method": "ping"}, {"jsonrpc": "2.0", "method": "ping"}, 1])
    batch = client.messages.get(timeout=HANG_GUARD)
    assert [reply.get("id") for reply in batch] == ["a", None]
    assert batch[1]["error"]["code"] == -32600
    client.send([{"jsonrpc": "2.0", "method": "ping"}])
    assert client.call("ping", id="after") == {"jsonrpc": "2.0", "id": "after", "result": {}}, "a batch of notifications gets no reply"
    assert client.close() == 0
