"""Messages and screens outside the REPL, as a careful command-line tool has them: one-shot commands,
script mode and pipes, run through the built binary with a fixed clock."""
import base64
import json
import os
import re
import subprocess

CLOCK = "2026-11-24T12:00:00Z"
# A 1×1 PNG, the smallest image a screenshot may be.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def run(binary, store, *args, stdin=None, **env):
    """One process; the output is not a terminal, like a cron job's."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("COLUMNS", "TZ", "NO_COLOR")}
    environment.update(REPORTDESK_STORE=store, REPORTDESK_CLOCK=CLOCK, REPORTDESK_ACTOR="cron", TZ="UTC")
    environment.update(env)
    return subprocess.run([binary, *args], env=environment, input=stdin, capture_output=True, text=True, timeout=60)


def ok(binary, store, *args, **env):
    done = run(binary, store, "--json", *args, **env)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def submit(binary, store, category, issue_type, *fields):
    return ok(binary, store, "submit", "--category", category, "--issue-type", issue_type, *fields)


# one definition of "past due" for the screen and the data; at the due instant, "due now"

def test_at_the_due_instant_a_report_is_due_now_on_screen_and_in_the_data(binary, store):
    submit(binary, store, "experience", "other", "--details", "at the instant", "--reported-at", "2026-11-21T12:00:00Z")
    submit(binary, store, "experience", "other", "--details", "a moment later", "--reported-at", "2026-11-21T11:59:59.999Z")
    listed = run(binary, store, "list").stdout
    row = next(line for line in listed.splitlines() if "at the instant" in line)
    assert "due now" in row and "past due" not in row, listed
    late = next(line for line in listed.splitlines() if "a moment later" in line)
    assert "past due <1 min" in late, listed
    shown = run(binary, store, "show", "1").stdout
    assert re.search(r"Due +2026-11-24 12:00 \(due now\)", shown), shown
    assert "PAST DUE" not in shown
    assert {r["key"]: r["pastDue"] for r in ok(binary, store, "list")["reports"]} == {1: False, 2: True}
    assert [r["key"] for r in ok(binary, store, "list", "--past-due")["reports"]] == [2]


# diff shows changed texts in full, multi-line ones as a line diff, appeals as fields

def test_diff_shows_a_changed_line_of_a_note_and_long_texts_in_full(binary, store):
    submit(binary, store, "payment", "other", "--order-id", "ORD-1", "--details", "charged")
    ok(binary, store, "note", "1", "User said the button does nothing\nsecond line is here")
    ok(binary, store, "note", "1", "User said the button does nothing\nsecond line was changed")
    out = run(binary, store, "diff", "2", "3").stdout
    lines = out.splitlines()
    assert "  note:" in lines, out
    assert "      User said the button does nothing" in lines, out
    assert "    - second line is here" in lines and "    + second line was changed" in lines, out
    long_old, long_new = "word " * 40 + "the old ending", "word " * 40 + "the new ending"
    ok(binary, store, "note", "1", long_old)
    ok(binary, store, "note", "1", long_new)
    out = run(binary, store, "diff", "4", "5").stdout
    words = " ".join(out.split())
    assert "- " + long_old.strip() in words and "+ " + long_new.strip() in words and "…" not in out, out


def test_diff_shows_an_appeal_as_fields(binary, store):
    submit(binary, store, "payment", "other", "--order-id", "ORD-1", "--details", "charged")
    ok(binary, store, "resolve", "1")
    ok(binary, store, "appeal", "open", "1", "please look again")
    out = run(binary, store, "diff", "2", "3").stdout
    assert "appeal.status: — → open" in out, out
    assert "appeal.message: — → please look again" in out, out
    assert "{" not in out, "no raw JSON: " + out


# a processed row needs its processed time, in every format

def test_import_rejects_a_processed_row_without_its_processed_time_in_csv_and_json_lines(binary, store, tmp_path):
    csv = tmp_path / "console.csv"
    csv.write_text("Category,Issue type,Report details,Report time,Order ID,Status,Processed time\n"
                   "Payment and orders,Other,no time,2026-11-20T10:00:00Z,ORD-1,Resolved,\n"
                   "Payment and orders,Other,with time,2026-11-20T10:00:00Z,ORD-2,Resolved,2026-11-21T10:00:00Z\n")
    result = ok(binary, store, "import", str(csv))
    assert (result["imported"], result["rejectedCount"]) == (1, 1), result
    assert result["rejected"][0]["line"] == 2 and "processed" in result["rejected"][0]["reason"].lower(), result
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text(json.dumps({"category": "payment", "issueType": "other", "details": "dismissed, no time", "orderId": "ORD-3",
                                 "reportedAt": "2026-11-20T10:00:00Z", "status": "dismissed"}) + "\n")
    result = ok(binary, store, "import", str(jsonl))
    assert (result["imported"], result["rejectedCount"]) == (0, 1), result
    assert result["rejected"][0]["field"] == "processedAt", result
    stats = ok(binary, store, "list", "--status", "resolved,dismissed")
    assert all(report["processedAt"] for report in stats["reports"]), stats


# a bad value of a fixed set is named, with the closest allowed one

def test_a_mistyped_status_is_named_with_a_suggestion(binary, store):
    done = run(binary, store, "list", "--status", "resolved,pendng")
    assert done.returncode == 2
    assert '"pendng"' in done.stderr and "did you mean pending?" in done.stderr, done.stderr
    error = json.loads(run(binary, store, "--json", "list", "--status", "pendng").stdout)["error"]
    assert error["data"]["field"] == "status" and error["data"]["value"] == "pendng", error


# undoing a submit says which report went and that its key stays taken

def test_undo_of_a_submit_names_the_removed_report(binary, store):
    report = submit(binary, store, "experience", "other", "--details", "filed by mistake", "--report-id", "RID-9")
    done = run(binary, store, "undo")
    assert done.returncode == 0
    assert "Removed report #1 (Report ID RID-9)" in done.stdout and "key is not reused" in done.stdout, done.stdout
    assert "(none)" not in done.stdout
    again = ok(binary, store, "undo", "2")
    assert again["removed"] == [] and again["reports"][0]["key"] == report["key"]
    undone = ok(binary, store, "undo")
    assert undone["removed"] == [{"key": 1, "reportId": "RID-9"}], undone


# --help and -h after any command, and the program's own --help and --version

def test_help_options_print_the_commands_help(binary, store):
    for args in (["list", "--help"], ["resolve", "-h"], ["appeal", "open", "--help"], ["submit", "--category", "payment", "--help"]):
        done = run(binary, store, *args)
        assert done.returncode == 0, (args, done.stderr)
        name = " ".join(args[:2]) if args[0] == "appeal" else args[0]
        assert done.stdout.startswith(name + " — "), done.stdout
        assert "Usage: " + name in done.stdout
    assert run(binary, store, "note", "1", "--", "-h").returncode == 1, "after -- it is the text, not a request for help"
    done = run(binary, store, "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: reportdesk"), done.stdout
    assert "Commands" in done.stdout
    done = run(binary, store, "--version")
    assert done.returncode == 0 and re.match(r"reportdesk \d+\.\d+\.\d+", done.stdout)


# script mode with --json keeps the line number of the failure

def test_script_mode_with_json_names_the_failing_line(binary, store):
    done = run(binary, store, "--json", stdin="info\n# a comment\nshow 99\ninfo\n")
    assert done.returncode == 1
    values = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(values) == 2 and values[1]["error"]["data"]["line"] == 3, values
    assert done.stderr.startswith("line 3: error: "), done.stderr


# --json export keeps standard output for the rows

def test_json_export_to_standard_output_prints_only_rows_there(binary, store, tmp_path):
    submit(binary, store, "experience", "other", "--details", "one")
    submit(binary, store, "experience", "other", "--details", "two")
    done = run(binary, store, "--json", "export")
    assert done.returncode == 0
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["details"] for row in rows] == ["one", "two"], done.stdout
    assert json.loads(done.stderr)["exported"] == 2
    out = tmp_path / "out.jsonl"
    done = run(binary, store, "--json", "export", "--out", str(out))
    assert json.loads(done.stdout)["out"] == str(out) and done.stderr == ""


# a reused Report ID names the report that has it and what differs

def test_a_reused_report_id_names_its_report_and_the_difference(binary, store):
    submit(binary, store, "experience", "other", "--details", "the first text", "--report-id", "RID-1")
    done = run(binary, store, "submit", "--category", "experience", "--issue-type", "other", "--details", "another text",
               "--report-id", "RID-1")
    assert done.returncode == 1
    assert 'Report ID "RID-1" already belongs to #1' in done.stderr, done.stderr
    assert 'details (#1: "the first text"; given: "another text")' in done.stderr, done.stderr


# taxonomy ids are snake_case

def test_taxonomy_ids_are_snake_case(binary, store):
    taxonomy = ok(binary, store, "taxonomy", "add", "feedback", "--display-name", "Feedback", "--issue-types", "Feature request")
    feedback = next(c for c in taxonomy["categories"] if c["id"] == "feedback")
    assert feedback["issueTypes"] == [{"id": "feature_request", "displayName": "Feature request"}], feedback
    for args in (["Bad-Id", "--display-name", "X", "--issue-types", "a"], ["feedback", "--issue-types", "Bug Report=Bug report"]):
        done = run(binary, store, "taxonomy", "add", *args)
        assert done.returncode == 2 and "snake_case" in done.stderr, done.stderr
    assert "such as bad_id" in run(binary, store, "taxonomy", "add", "Bad-Id", "--display-name", "X", "--issue-types", "a").stderr


# the words

def test_messages_use_articles_plurals_and_lists_as_people_write_them(binary, store, tmp_path):
    submit(binary, store, "experience", "other", "--details", "x")
    assert "is an experience report" in run(binary, store, "appeal", "open", "1", "hi").stderr
    refused = run(binary, store, "submit", "--category", "community", "--issue-type", "other", "--details", "x")
    assert "it belongs to experience and payment reports only" in refused.stderr, refused.stderr
    shot = tmp_path / "shot.png"
    shot.write_bytes(PNG)
    submit(binary, store, "community", "other", "--screenshot", str(shot))
    assert "1 screenshot file present with its hash" in run(binary, store, "verify").stdout
    row = {"category": "payment", "issueType": "other", "orderId": "O-1", "reportedAt": "2026-11-20T10:00:00Z"}
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps(row) + "\n")
    ok(binary, store, "import", str(rows))
    rows.write_text(json.dumps(row) + "\n" + json.dumps({**row, "orderId": "O-2"}) + "\n")
    ok(binary, store, "import", str(rows))
    summaries = [v["summary"] for v in ok(binary, store, "history")["versions"]]
    assert summaries[0].endswith("1 added, 1 duplicate, 0 rejected"), summaries
    done = run(binary, store, "note", "1", "n" * 100_001)
    assert "100,001 characters long; the limit is 100,000" in done.stderr, done.stderr[:300]


# show in a pipe never cuts an identifier or a path

def test_show_in_a_pipe_keeps_identifiers_and_paths_whole(binary, store, tmp_path):
    open_id = "_" + "A1b2C3d4" * 12
    shot = tmp_path / "shot.png"
    shot.write_bytes(PNG)
    report = submit(binary, store, "community", "other", "--open-id", open_id, "--screenshot", str(shot))
    for columns in ("60", "100"):
        shown = run(binary, store, "show", "1", COLUMNS=columns).stdout
        assert any(open_id in line for line in shown.splitlines()), shown
        assert any(report["screenshot"]["path"] in line for line in shown.splitlines()), shown
