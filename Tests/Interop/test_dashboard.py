"""`stats` as people, tools and the team see it: the dashboard through a real pseudo-terminal (read
back with a terminal emulator), its numbers against a recount from `list`, `stats --json` against
its declared schema, and the HTML page loaded by headless Chromium."""
import json
import os
import pathlib
import re
import shutil
import subprocess
from datetime import datetime, timedelta, timezone

import jsonschema
import pexpect
import pyte
import pytest
from wcwidth import wcswidth

from cdp_pipe import ChromiumPipe
from test_rpc_scenario import discover

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLOCK = "2026-11-24T12:00:00Z"
NOW = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BLOCKS = set("▁▂▃▄▅▆▇█▌│└─")
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def environment(store, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("REPORTDESK_", "LC_", "NO_COLOR"))}
    env.update(REPORTDESK_STORE=store, REPORTDESK_ACTOR="interop", REPORTDESK_CLOCK=CLOCK, TZ="UTC", TERM="xterm-256color",
               LANG="C.UTF-8")
    env.update(extra)
    return env


def run_json(binary, store, *words):
    result = subprocess.run([binary, "--json", *words], env=environment(store), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def on_terminal(binary, store, words, columns, **env):
    """What `reportdesk WORDS` writes to a pseudo-terminal `columns` wide: (raw text, pyte screen lines)."""
    rows = 400
    child = pexpect.spawn(binary, list(words), env=environment(store, **env), encoding="utf-8", timeout=120,
                          dimensions=(rows, columns))
    child.expect(pexpect.EOF)
    raw = child.before
    child.close()
    assert child.exitstatus == 0, raw
    screen = pyte.Screen(columns, rows)
    stream = pyte.Stream(screen)
    stream.feed(raw.replace("\r\n", "\n").replace("\n", "\r\n"))
    return raw, [line.rstrip() for line in screen.display]


@pytest.fixture(scope="module")
def demo_store(binary, tmp_path_factory):
    store = str(tmp_path_factory.mktemp("demo") / "store")
    env = dict(environment(store), REPORTDESK_BINARY=binary)
    subprocess.run([str(ROOT / "Scripts" / "load-demo"), "--store", store], env=env, check=True, capture_output=True)
    return store


@pytest.fixture(scope="module")
def generated_store(binary, tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    store = str(folder / "store")
    data = folder / "reports.jsonl"
    with open(data, "w") as target:
        subprocess.run([str(ROOT / "Scripts" / "generate-reports"), "4000", "--seed", "11"], stdout=target, check=True)
    subprocess.run([binary, "import", str(data)], env=environment(store), check=True, capture_output=True)
    # Some of the latest reports processed at the test clock, so the period has processing to show.
    keys = [report["key"] for report in run_json(binary, store, "list", "--status", "pending", "--sort", "reportedAt",
                                                 "--desc", "--limit", "40")["reports"]]
    subprocess.run([binary, "resolve", "--ids", ",".join(map(str, keys[::2]))], env=environment(store), check=True,
                   capture_output=True)
    return store


def every_report(binary, store):
    reports, cursor = [], None
    while True:
        words = ["list", "--limit", "1000"] + (["--cursor", cursor] if cursor else [])
        page = run_json(binary, store, *words)
        reports += page["reports"]
        cursor = page["nextCursor"]
        if not cursor:
            return reports


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def recount(reports, since, until):
    """The headline, counted report by report from `list --json`."""
    def within(value):
        return value is not None and since <= instant(value) < until
    pending = [r for r in reports if r["status"] == "pending"]
    return {
        "pending": len(pending),
        "pastDue": sum(1 for r in pending if instant(r["dueAt"]) < NOW),
        "dueWithin24h": sum(1 for r in pending if NOW <= instant(r["dueAt"]) <= NOW + timedelta(hours=24)),
        "openAppeals": sum(1 for r in reports if r["appeal"] and r["appeal"]["status"] == "open"),
        "received": sum(1 for r in reports if within(r["reportedAt"])),
        "processed": sum(1 for r in reports if within(r["processedAt"])),
        "processedWithin72h": sum(1 for r in reports if within(r["processedAt"]) and not r["processedLate"]),
    }


def check_desk(binary, store, period_words):
    stats = run_json(binary, store, "stats", *period_words)
    since, until = instant(stats["period"]["since"]), instant(stats["period"]["until"])
    reports = every_report(binary, store)
    expected = recount(reports, since, until)
    headline = {key: stats["headline"][key] for key in expected}
    assert headline == expected
    appeals = [r["appeal"]["status"] for r in reports if r["appeal"]]
    assert stats["appeals"] == {"opened": len(appeals), "open": appeals.count("open"), "upheld": appeals.count("upheld"),
                                "overturned": appeals.count("overturned")}
    assert sum(bucket["count"] for bucket in stats["received"]) == expected["received"]
    assert all(sum(bucket["byCategory"].values()) == bucket["count"] for bucket in stats["received"])
    assert sum(week["processed"] for week in stats["weeklyShare"]) == expected["processed"]
    assert sum(b["count"] for b in stats["timeToProcess"]) == expected["processed"]
    assert sum(b["count"] for b in stats["pastDueBy"]) == expected["pastDue"]
    assert sum(t["count"] for t in stats["topIssueTypes"]) == expected["received"]

    for columns in (60, 120):
        raw, screen = on_terminal(binary, store, ["stats", *period_words], columns)
        plain = ESCAPE.sub("", raw)
        for line in plain.replace("\r\n", "\n").split("\n"):
            assert wcswidth(line) < columns, f"wider than {columns - 1} columns: {line!r}"
        text = "\n".join(screen)
        assert ESCAPE.search(raw), "a terminal gets colour"
        assert f"Pending {expected['pending']}" in text
        assert f"Past due now {expected['pastDue']}" in text
        assert f"Due in the next 24 h {expected['dueWithin24h']}" in text
        assert f"Open appeals {expected['openAppeals']}" in text
        for label, count in (("Appeals opened", len(appeals)), ("Upheld", appeals.count("upheld")),
                             ("Overturned", appeals.count("overturned")), ("Still open", appeals.count("open"))):
            assert re.search(rf"\b{label} {count}\b", text), f"{label} {count}"
        assert f"Received {expected['received']}" in text
        assert f"Processed {expected['processed']}" in text
        assert "times in UTC (+00:00)" in text
        assert any(block in text for block in "▁▂▃▄▅▆▇█"), "charts drawn with block characters"
        if not period_words:
            assert "last 30 days" in text
    return stats


def test_demo_desk_dashboard_matches_a_recount(binary, demo_store):
    check_desk(binary, demo_store, [])
    check_desk(binary, demo_store, ["--since", "2026-11-01", "--by", "week"])


def test_generated_desk_dashboard_matches_a_recount(binary, generated_store):
    check_desk(binary, generated_store, [])
    stats = check_desk(binary, generated_store, ["--since", "2025-11-01", "--until", "2026-11-25", "--by", "month"])
    assert len(stats["received"]) == 13 and stats["headline"]["received"] > 3000


def test_no_colour_and_ascii(binary, demo_store):
    raw, _ = on_terminal(binary, demo_store, ["stats"], 80, NO_COLOR="1")
    assert "\x1b" not in raw, "NO_COLOR output has no escape sequences"
    assert BLOCKS & set(raw), "block characters in a UTF-8 locale"
    cases = [(["stats", "--ascii"], {}), (["stats"], {"LANG": "C"}), (["stats"], {"LANG": "", "LC_ALL": "POSIX"}),
             (["stats"], {"LC_ALL": "en_US.ISO-8859-1"})]
    for words, env in cases:
        raw, _ = on_terminal(binary, demo_store, words, 80, **env)
        assert not BLOCKS & set(raw), f"block characters with {words} {env}"
        assert "#" in raw, "ASCII bars"


def test_json_fits_its_declared_schema(binary, demo_store, generated_store, tmp_path):
    methods = discover(binary, str(tmp_path / "empty"))
    schema = methods["stats"]["result"]["schema"]
    validator = jsonschema.Draft202012Validator(schema)
    for store in (demo_store, generated_store):
        for words in ([], ["--by", "week"], ["--category", "payment"], ["--at", "1"], ["--since", "2026-01-01", "--by", "month"]):
            result = run_json(binary, store, "stats", *words)
            errors = [error.message for error in validator.iter_errors(result)]
            assert not errors, (words, errors)
            for field in ("byStatus", "byCategory", "byIssueType", "processed", "processedWithin72h",
                          "shareProcessedWithin72h", "medianTimeToProcessSeconds", "medianTimeToProcess"):
                assert field in result
    broken = dict(run_json(binary, demo_store, "stats"), received=[{"start": "yesterday"}])
    assert list(validator.iter_errors(broken)), "the schema describes the series"


@pytest.fixture
def hostile_store(binary, tmp_path):
    store = str(tmp_path / "store")
    env = environment(store)
    submit = [binary, "--json", "submit", "--category", "payment", "--issue-type", "refund_request", "--order-id", "ORD-1"]
    late = json.loads(subprocess.run(submit + ["--details", HOSTILE, "--reported-at", "2026-11-15T10:00:00Z"], env=env,
                                     capture_output=True, text=True, check=True).stdout)
    appealed = json.loads(subprocess.run(submit + ["--details", "refund", "--reported-at", "2026-11-20T10:00:00Z"], env=env,
                                         capture_output=True, text=True, check=True).stdout)
    subprocess.run([binary, "resolve", str(appealed["key"])], env=env, check=True, capture_output=True)
    subprocess.run([binary, "appeal", "open", str(appealed["key"]), HOSTILE + " & 'quotes'"], env=env, check=True,
                   capture_output=True)
    return store, late["key"]


def test_html_page_in_headless_chromium(binary, hostile_store, tmp_path):
    store, _ = hostile_store
    page = tmp_path / "desk.html"
    result = run_json(binary, store, "stats", "--html", str(page))
    assert result["html"] == str(page.resolve())
    assert oct(page.stat().st_mode & 0o777) == "0o600"
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "@media print" in html and "@page" in html and "prefers-color-scheme: dark" in html
    assert not re.search(r"<[^>]*\s(src|href)\s*=|url\(|@import", html), "nothing fetched"

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "install chromium (Scripts/setup)"
    screenshot = tmp_path / "desk.png"
    with ChromiumPipe(chromium, tmp_path / "profile") as browser:
        visit = browser.visit(page.as_uri(), screenshot)
    assert visit["console"] == [], visit["console"]
    assert visit["dialogs"] == [], "no script may run"
    assert visit["requests"] == [page.as_uri()], visit["requests"]
    assert visit["text"].count(HOSTILE) >= 2, "the hostile details and appeal show as text"
    assert visit["elements"] == 0, "no script or image element came from the data"
    assert "Desk at a glance" in visit["text"] and "Past-due reports (1)" in visit["text"]
    assert re.search(r"1\s*appeals opened", visit["text"]), "the desk's appeals in the headline"

    from PIL import Image
    image = Image.open(screenshot).convert("RGB")
    assert image.width >= 800 and image.height >= 600
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 20, "the screenshot is not blank"
    for dark in (True,):
        with ChromiumPipe(chromium, tmp_path / "profile-dark") as browser:
            themed = browser.visit(page.as_uri(), tmp_path / "dark.png", dark=dark)
        assert themed["console"] == [] and themed["background"] != visit["background"], "a dark theme"
