"""python-lsp-jsonrpc's Content-Length stream reader and writer (as an LSP
client uses them) and a plain newline client run the vertical-slice scenario on a fresh store and
get identical results, error objects included."""
import queue
import shutil
import subprocess
import threading

from pylsp_jsonrpc.streams import JsonRpcStreamReader, JsonRpcStreamWriter

from test_rpc_scenario import HANG_GUARD, RPCClient, check_scenario_facts, environment, load_scenario, outcome, run_scenario_newline


class LSPClient(RPCClient):
    """Content-Length framed JSON-RPC through python-lsp-jsonrpc, one request at a time."""

    def __init__(self, binary, store):
        self.process = subprocess.Popen(
            [binary, "rpc"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=environment(store))
        self.writer = JsonRpcStreamWriter(self.process.stdin)
        self.reader = JsonRpcStreamReader(self.process.stdout)
        self.messages = queue.Queue()
        self.notifications = []
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self):
        self.reader.listen(self.messages.put)
        self.messages.put(None)

    def notify(self, method, params=None):
        self.writer.write({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def send(self, message):
        self.writer.write(message)


def run_scenario_lsp(binary, store):
    """The scenario's outcomes inside an LSP-style session: initialize, initialized, …, shutdown, exit."""
    client = LSPClient(binary, store)
    initialized = client.call("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                             "initializationOptions": {"notifications": False}}, id="init")
    assert initialized["result"]["serverInfo"]["name"] == "reportdesk"
    assert initialized["result"]["capabilities"]["notifications"] == []
    client.notify("initialized")
    outcomes = [outcome(client.call(step["method"], step["params"], id=index + 1)) for index, step in enumerate(load_scenario())]
    assert client.call("shutdown", id="bye")["result"] is None
    client.notify("exit")
    assert client.process.wait(timeout=HANG_GUARD) == 0, "exit after shutdown ends with status 0"
    assert client.notifications == []
    return outcomes


def test_content_length_and_newline_clients_get_identical_results(binary, store):
    newline = run_scenario_newline(binary, store)
    shutil.rmtree(store)
    framed = run_scenario_lsp(binary, store)
    assert len(framed) == len(newline) == len(load_scenario())
    for step, (a, b) in enumerate(zip(newline, framed)):
        assert a == b, f"step {step} ({load_scenario()[step]['method']}) differs"
    check_scenario_facts(framed)


def test_bad_frames_are_answered_and_the_session_goes_on(binary, store):
    client = LSPClient(binary, store)
    client.process.stdin.write(b"Content-Length: 12\r\n\r\n{not json!}}")
    client.process.stdin.write(b"Content-Type: application/json\r\n\r\n{}")
    client.process.stdin.flush()
    parse_errors = [client.messages.get(timeout=HANG_GUARD) for _ in range(2)]
    assert [error["error"]["code"] for error in parse_errors] == [-32700, -32700]
    assert all(error["id"] is None for error in parse_errors)
    assert client.call("ping", id=7) == {"jsonrpc": "2.0", "id": 7, "result": {}}
    assert client.close() == 0
