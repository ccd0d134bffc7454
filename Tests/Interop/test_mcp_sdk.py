"""Issue 4, acceptance 1: the official MCP Python SDK's stdio client connects to `reportdesk rpc`,
lists every command as a tool with its schemas, calls `list` and `resolve`, and gets a readable
error for a bad call. The SDK checks each structured result against the tool's outputSchema, so
running the scenario and every command through it proves the declared schemas fit."""
import json
import shutil

import anyio
import jsonschema
from mcp import ClientSession, StdioServerParameters, stdio_client

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
        return tools, called

    tools, called = run(binary, store, body)
    assert called == tools, f"add calls for {tools - called}"
