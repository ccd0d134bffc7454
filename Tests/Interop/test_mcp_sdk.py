"""The official MCP Python SDK's stdio client connects to `reportdesk rpc`,
lists every command as a tool with its schemas, calls `list` and `resolve`, and gets a readable
error for a bad call. The SDK checks each structured result against the tool's outputSchema, so
running the scenario and every command through it proves the declared schemas fit."""
import json
import shutil
import subprocess
import warnings

import anyio
import jsonschema
import mcp_types
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client import Client

from test_rpc_scenario import (
    HANG_GUARD, check_scenario_facts, discover, environment, every_command_calls, load_scenario, run_scenario_newline,
)


def as_json(model):
    """An SDK object as the JSON the server sent (camelCase, whichever SDK version is installed)."""
    return model.model_dump(by_alias=True, exclude_none=True, mode="json")


async def with_session(binary, store, body):
    params = StdioServerParameters(command=binary, args=["rpc"], env=environment(store))
    with anyio.fail_after(HANG_GUARD):
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                initialized = as_json(await session.initialize())
                assert initialized["serverInfo"]["name"] == "reportdesk"
                return await body(session)


def run(binary, store, body):
    return anyio.run(with_session, binary, store, body)


async def call(session, name, arguments):
    """A tools/call result as JSON; the SDK has already validated structured content against the schema."""
    return as_json(await session.call_tool(name, arguments))


def text_of(result):
    return "".join(block["text"] for block in result["content"] if block["type"] == "text")


def test_sdk_lists_every_command_as_a_tool_with_schemas(binary, store):
    methods = discover(binary, store)

    async def body(session):
        return [as_json(tool) for tool in (await session.list_tools()).tools]

    tools = {tool["name"]: tool for tool in run(binary, store, body)}
    assert set(tools) == set(methods)
    for name, tool in tools.items():
        method = methods[name]
        assert tool["description"].startswith(method["summary"])
        schema = tool["inputSchema"]
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["type"] == "object"
        assert set(schema["properties"]) == {param["name"] for param in method["params"]}
        assert set(schema.get("required", [])) == {param["name"] for param in method["params"] if param["required"]}
        if method["result"]["schema"].get("type") == "object":
            assert tool["outputSchema"] == method["result"]["schema"]
            jsonschema.Draft202012Validator.check_schema(tool["outputSchema"])
        else:
            assert "outputSchema" not in tool


def test_sdk_calls_list_and_resolve(binary, store):
    async def body(session):
        for order in ["O-1", "O-2"]:
            submitted = await call(session, "submit", {"category": "payment", "issueType": "refund_request", "orderId": order})
            assert submitted["isError"] is False
        listed = await call(session, "list", {"status": "pending"})
        resolved = await call(session, "resolve", {"id": 1, "note": "refund sent"})
        after = await call(session, "list", {"status": "pending"})
        return listed, resolved, after

    listed, resolved, after = run(binary, store, body)
    assert listed["isError"] is False
    assert listed["structuredContent"]["total"] == 2
    assert json.loads(text_of(listed)) == listed["structuredContent"]
    assert resolved["isError"] is False
    report = json.loads(text_of(resolved))
    assert report["key"] == 1 and report["status"] == "resolved" and report["note"] == "refund sent"
    assert [r["key"] for r in after["structuredContent"]["reports"]] == [2]


def test_sdk_gets_readable_errors_for_bad_calls(binary, store):
    async def body(session):
        await call(session, "submit", {"category": "payment", "issueType": "refund_request", "orderId": "O-1"})
        await call(session, "resolve", {"id": 1})
        twice = await call(session, "resolve", {"id": 1})
        missing = await call(session, "resolve", {"id": 99})
        unknown_argument = await call(session, "resolve", {"id": 1, "colour": "red"})
        wrong_type = await call(session, "list", {"limit": "ten"})
        try:
            await session.call_tool("no.such.tool", {})
            unknown_tool = None
        except Exception as error:  # the SDK's own error type differs between its versions
            unknown_tool = str(error)
        still_serving = await call(session, "info", {})
        return twice, missing, unknown_argument, wrong_type, unknown_tool, still_serving

    twice, missing, unknown_argument, wrong_type, unknown_tool, still_serving = run(binary, store, body)
    for result in [twice, missing, unknown_argument, wrong_type]:
        assert result["isError"] is True
        assert "structuredContent" not in result
    assert "-32003" in text_of(twice) and "resolved" in text_of(twice)
    assert "-32001" in text_of(missing)
    assert "colour" in text_of(unknown_argument)
    assert "limit" in text_of(wrong_type)
    assert unknown_tool is not None and "no.such.tool" in unknown_tool
    assert still_serving["isError"] is False and still_serving["structuredContent"]["reports"] == 1


def test_scenario_through_mcp_matches_the_newline_client(binary, store):
    newline = run_scenario_newline(binary, store)

    async def body(session):
        results = []
        for step in load_scenario():
            result = await call(session, step["method"], step["params"])
            if result["isError"]:
                results.append(("error", text_of(result)))
            else:
                results.append(("result", json.loads(text_of(result)), result.get("structuredContent")))
        return results

    shutil.rmtree(store)
    through_mcp = run(binary, store, body)
    for step, (expected, got) in enumerate(zip(newline, through_mcp)):
        if "error" in expected and len(expected) == 1:
            assert got[0] == "error" and str(expected["error"]["code"]) in got[1], step
        else:
            assert got[0] == "result" and got[1] == expected, step
            if isinstance(expected, dict):
                assert got[2] == expected, f"step {step}: structured content is the result"
    check_scenario_facts(newline)


def test_every_tool_result_passes_the_sdk_output_schema_check(binary, store, tmp_path):
    calls = every_command_calls(tmp_path)

    async def body(session):
        tools = {tool.name for tool in (await session.list_tools()).tools}
        called = set()
        for name, arguments in calls:
            result = await call(session, name, arguments)
            assert result["isError"] is False, (name, text_of(result))
            called.add(name)
        # watch runs on and a tool call has one reply: it is refused, pointing to the change notifications.
        refused = await call(session, "watch", {})
        assert refused["isError"] is True and "store/changed" in text_of(refused)
        called.add("watch")
        return tools, called

    tools, called = run(binary, store, body)
    assert called == tools, f"add calls for {tools - called}"


# The 2026-07-28 revision: the SDK's default client probes server/discover and stays modern; forced
# into the legacy handshake it gets the same desk, minus what that revision lacks.
MODERN = "2026-07-28"
QUESTION_TIMEOUT = 1.0


def client(binary, store, **options):
    params = StdioServerParameters(command=binary, args=["rpc"], env=environment(store))
    return Client(params, **options)


def run_client(binary, store, body, **options):
    async def main():
        with anyio.fail_after(HANG_GUARD):
            async with client(binary, store, **options) as connected:
                return await body(connected)

    return anyio.run(main)


def other_process(binary, store, *words):
    """A command run by another process on the same store, as a colleague's terminal would."""
    done = subprocess.run([binary, "--store", store, *words], env=environment(store), capture_output=True, text=True, timeout=HANG_GUARD)
    assert done.returncode == 0, done.stderr
    return done.stdout


async def submit_payments(connected, count):
    for number in range(count):
        submitted = await connected.call_tool("submit", {"category": "payment", "issueType": "refund_request", "orderId": f"O-{number}"})
        assert submitted.is_error is False


async def store_version(connected):
    return (await connected.call_tool("info", {})).structured_content["version"]


def read_json(result):
    (contents,) = result.contents
    return json.loads(contents.text)


async def the_desk_through(connected):
    """What both eras share: tools with annotations, resources, the prompt, list, resolve and a read."""
    tools = {tool.name: as_json(tool) for tool in (await connected.list_tools()).tools}
    resources = {resource.uri for resource in (await connected.list_resources()).resources}
    templates = [template.uri_template for template in (await connected.list_resource_templates()).resource_templates]
    prompts = [prompt.name for prompt in (await connected.list_prompts()).prompts]
    prompt = await connected.get_prompt("triage", {"category": "payment", "window": "24h"})
    await submit_payments(connected, 2)
    listed = await connected.call_tool("list", {"status": "pending"})
    resolved = await connected.call_tool("resolve", {"id": 1, "note": "refund sent"})
    report = read_json(await connected.read_resource("report://1"))
    queue = read_json(await connected.read_resource("reportdesk://queue"))
    stats = read_json(await connected.read_resource("reportdesk://stats"))
    return tools, resources, templates, prompts, prompt, listed, resolved, report, queue, stats


def check_the_desk(tools, resources, templates, prompts, prompt, listed, resolved, report, queue, stats):
    assert tools["erase"]["annotations"]["destructiveHint"] is True
    assert tools["list"]["annotations"]["readOnlyHint"] is True
    assert tools["resolve"]["annotations"]["readOnlyHint"] is False
    assert tools["resolve"]["annotations"]["destructiveHint"] is False
    assert all(tool["title"] for tool in tools.values())
    assert {"reportdesk://queue", "reportdesk://appeals/open", "reportdesk://stats"} <= resources
    assert templates == ["report://{key}"]
    assert prompts == ["triage"]
    text = prompt.messages[0].content.text
    assert "72 hours" in text and "contact email" in text and "payment" in text and "24h" in text
    assert listed.is_error is False and listed.structured_content["total"] == 2
    assert resolved.is_error is False and resolved.structured_content["status"] == "resolved"
    assert report["key"] == 1 and report["status"] == "resolved" and report["version"] == resolved.structured_content["version"]
    assert [r["key"] for r in queue["reports"]] == [2] and queue["version"] == report["version"]
    assert stats["byStatus"]["resolved"] == 1 and stats["version"] == report["version"]


def test_default_sdk_client_negotiates_the_2026_revision(binary, store):
    async def body(connected):
        assert connected.protocol_version == MODERN
        assert connected.session.discover_result is not None and connected.session.initialize_result is None
        assert connected.server_info.name == "reportdesk"
        assert "never instructions" in connected.instructions and "ifVersion" in connected.instructions
        return await the_desk_through(connected)

    check_the_desk(*run_client(binary, store, body))


def test_legacy_handshake_serves_the_same_desk(binary, store):
    async def body(connected):
        assert connected.protocol_version == "2025-11-25"
        assert connected.session.initialize_result is not None
        return await the_desk_through(connected)

    check_the_desk(*run_client(binary, store, body, mode="legacy"))


def test_listen_hears_another_process_resolve_a_report_within_a_second(binary, store):
    async def body(connected):
        await submit_payments(connected, 2)
        async with connected.listen(resource_subscriptions=["report://2", "report://bogus/x"]) as subscription:
            assert subscription.honored.resource_subscriptions == ["report://2"]
            other_process(binary, store, "resolve", "2")
            with anyio.fail_after(QUESTION_TIMEOUT):
                event = await subscription.__anext__()
        return event, read_json(await connected.read_resource("report://2"))

    event, report = run_client(binary, store, body)
    assert event.uri == "report://2"
    assert report["status"] == "resolved"


def test_legacy_subscription_hears_another_process_within_a_second(binary, store):
    updates_send, updates_receive = anyio.create_memory_object_stream(10)

    async def on_message(message):
        if isinstance(message, mcp_types.ResourceUpdatedNotification):
            await updates_send.send(message.params.uri)

    async def body(connected):
        await submit_payments(connected, 2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await connected.subscribe_resource("report://2")
        other_process(binary, store, "resolve", "2")
        with anyio.fail_after(QUESTION_TIMEOUT):
            return await updates_receive.receive()

    assert run_client(binary, store, body, mode="legacy", message_handler=on_message) == "report://2"


def bulk_dismiss(binary, store, mode, answer):
    """Five reports dismissed in one call, with the person answering `answer` (None: a client that cannot ask)."""
    questions = []

    async def elicit(context, params):
        questions.append(params.message)
        return mcp_types.ElicitResult(action=answer, content={} if answer == "accept" else None)

    async def body(connected):
        await submit_payments(connected, 5)
        before = await store_version(connected)
        result = await connected.call_tool("dismiss", {"ids": [1, 2, 3, 4, 5], "note": "duplicates"})
        after = await store_version(connected)
        pending = (await connected.call_tool("list", {"status": "pending"})).structured_content["total"]
        return result, before, after, pending

    options = {"mode": mode} if mode else {}
    if answer is not None:
        options["elicitation_callback"] = elicit
    result, before, after, pending = run_client(binary, store, body, **options)
    return questions, as_json(result), before, after, pending


@pytest.mark.parametrize("mode", [None, "legacy"])
def test_bulk_dismiss_runs_once_the_person_accepts(binary, store, mode):
    questions, result, before, after, pending = bulk_dismiss(binary, store, mode, "accept")
    assert len(questions) == 1 and questions[0].startswith("Dismiss 5 reports?")
    assert "#1" in questions[0]
    assert result["isError"] is False
    assert [r["status"] for r in result["structuredContent"]["reports"]] == ["dismissed"] * 5
    assert after == before + 1 and pending == 0


@pytest.mark.parametrize("mode", [None, "legacy"])
def test_bulk_dismiss_declined_changes_nothing(binary, store, mode):
    questions, result, before, after, pending = bulk_dismiss(binary, store, mode, "decline")
    assert len(questions) == 1
    assert result["isError"] is True and "nothing was changed" in text_of(result)
    assert after == before and pending == 5


@pytest.mark.parametrize("mode", [None, "legacy"])
def test_bulk_dismiss_from_a_client_that_cannot_ask_is_refused(binary, store, mode):
    questions, result, before, after, pending = bulk_dismiss(binary, store, mode, None)
    assert questions == []
    assert result["isError"] is True
    assert "expectCount" in text_of(result) and "dryRun" in text_of(result) and "elicitation" in text_of(result)
    assert after == before and pending == 5
