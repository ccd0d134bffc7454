"""The shell around reportdesk: the completion scripts driven by bash, zsh and fish themselves,
and the manual page rendered by groff and man."""
import json
import os
import pathlib
import re
import shutil
import subprocess

import pytest


@pytest.fixture
def shell_env(binary, store, tmp_path):
    """An environment whose PATH finds `reportdesk` (as the scripts call it) and whose store holds
    a resolved report (key 1) and two pending ones (keys 2 and 3)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "reportdesk").symlink_to(binary)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", REPORTDESK_STORE=store, HOME=str(tmp_path))
    for details in ["first", "second", "third"]:
        subprocess.run([binary, "submit", "--category", "payment", "--issue-type", "refund_request",
                        "--details", details], env=env, check=True, capture_output=True)
    subprocess.run([binary, "resolve", "1"], env=env, check=True, capture_output=True)
    return env


def script(binary, env, shell, tmp_path) -> pathlib.Path:
    path = tmp_path / f"reportdesk.{shell}"
    path.write_text(subprocess.run([binary, "completion", shell], env=env, check=True, capture_output=True,
                                   text=True).stdout)
    return path


def bash_complete(path, env, line) -> list[str]:
    """What bash offers for `line` (cursor at its end), by calling the registered function with
    COMP_LINE, COMP_POINT, COMP_WORDS and COMP_CWORD set as bash sets them (`=` breaks words)."""
    driver = r'''
source "$1"
line=$2
words=()
read -r -a words <<< "${line//=/ = }"
[[ $line =~ [[:space:]]$ ]] && words+=("")
COMP_LINE=$line COMP_POINT=${#line} COMP_WORDS=("${words[@]}") COMP_CWORD=$(( ${#words[@]} - 1 ))
spec=$(complete -p reportdesk)
function=${spec##*-F }
function=${function%% *}
"$function" reportdesk "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
'''
    done = subprocess.run(["bash", "-c", driver, "driver", str(path), line], env=env, capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return [value for value in done.stdout.split("\n") if value]


def test_bash_completes_commands_options_issue_types_and_pending_keys_first(binary, shell_env, tmp_path):
    path = script(binary, shell_env, "bash", tmp_path)
    assert bash_complete(path, shell_env, "reportdesk res") == ["resolve"]
    assert set(bash_complete(path, shell_env, "reportdesk ")) >= {"submit", "list", "resolve", "appeal", "watch", "rpc"}
    assert bash_complete(path, shell_env, "reportdesk appeal ") == ["open", "decide"]
    assert bash_complete(path, shell_env, "reportdesk resolve --n") == ["--note"]
    assert "--due-within" in bash_complete(path, shell_env, "reportdesk watch --")
    payment = bash_complete(path, shell_env, "reportdesk list --category payment --issue-type ")
    assert payment[:2] == ["not_received", "refund_request"] and "harassment" not in payment
    community = bash_complete(path, shell_env, "reportdesk list --category=community --issue-type=h")
    assert community == ["harassment", "hate_speech"]
    keys = bash_complete(path, shell_env, "reportdesk show ")
    assert sorted(keys[:2]) == ["2", "3"] and keys[2:] == ["1"], "pending reports come first"
    assert bash_complete(path, shell_env, "reportdesk list --status=p") == ["pending"]
    assert bash_complete(path, shell_env, "reportdesk --store ") != []
    # Global options before the command, and the store they name: an empty one has no keys.
    assert bash_complete(path, shell_env, "reportdesk --js") == ["--json"]
    empty = tmp_path / "empty-store"
    assert all(value.startswith("--") for value in bash_complete(path, shell_env, f"reportdesk --store {empty} show "))
    assert not empty.exists(), "completion never creates a store"


def test_bash_completes_paths_where_a_path_goes(binary, shell_env, tmp_path):
    path = script(binary, shell_env, "bash", tmp_path)
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "console.csv").write_text("")
    found = bash_complete(path, shell_env, f"reportdesk import {tmp_path}/exp")
    assert found == [f"{tmp_path}/exports/"]
    assert bash_complete(path, shell_env, f"reportdesk import {tmp_path}/exports/") == [f"{tmp_path}/exports/console.csv"]


def test_the_repl_and_the_shell_offer_the_same(binary, shell_env, tmp_path):
    """`__complete` is the REPL's completer: the words it offers for a line are the ones the REPL's
    Tab offers (both read the same declarations and the same store)."""
    done = subprocess.run([binary, "__complete", "list", "--category", "payment", "--st"], env=shell_env,
                          capture_output=True, text=True, check=True)
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == ["--status"]
    assert "\t" in done.stdout, "hints travel with the values for zsh and fish"


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is installed by Scripts/setup --for-tests")
def test_zsh_accepts_its_script_and_completes_a_command(binary, shell_env, tmp_path):
    path = script(binary, shell_env, "zsh", tmp_path)
    subprocess.run(["zsh", "-n", str(path)], check=True, timeout=30)
    hits = tmp_path / "hits"
    # An interactive zsh in a pseudo-terminal (zpty), with compinit and the script, types the line
    # and Tab; compadd is wrapped to write every match it is given to a file.
    driver = r'''
zmodload zsh/zpty
zpty shell zsh -f -i
zpty -w shell "PS1=''; autoload -U compinit; compinit -u -D"
zpty -w shell "source ${(q)1}"
zpty -w shell 'compadd() { local -a found; builtin compadd -O found "$@"; print -rl -- "<hit>"${^found} >> '${(q)2}'; builtin compadd "$@"; }'
zpty -w -n shell "$3"$'\t'
for attempt in {1..100}; do
    [[ -s $2 ]] && break
    sleep 0.1
done
sleep 0.3
zpty -d shell
'''
    for line, expected in [("reportdesk res", {"resolve"}), ("reportdesk appeal o", {"open"})]:
        hits.unlink(missing_ok=True)
        subprocess.run(["zsh", "-f", "-c", driver, "driver", str(path), str(hits), line], env=shell_env, check=True,
                       timeout=60)
        found = {entry.removeprefix("<hit>") for entry in hits.read_text().splitlines() if entry.startswith("<hit>")}
        assert found == expected, line


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is installed by Scripts/setup --for-tests")
def test_fish_accepts_its_script_and_completes(binary, shell_env, tmp_path):
    path = script(binary, shell_env, "fish", tmp_path)
    subprocess.run(["fish", "-n", str(path)], check=True, timeout=30)
    done = subprocess.run(["fish", "--no-config", "-c", f"source {path}; complete -C'reportdesk res'; "
                           "complete -C'reportdesk list --category payment --issue-type '"],
                          env=shell_env, capture_output=True, text=True, check=True, timeout=30)
    lines = done.stdout.splitlines()
    assert lines[0] == "resolve\tMark pending reports resolved"
    assert "refund_request\tRefund request" in lines and not any(line.startswith("harassment") for line in lines)


def commands(binary, env) -> list[str]:
    done = subprocess.run([binary, "--json", "help"], env=env, capture_output=True, text=True, check=True)
    return [entry["command"] for entry in json.loads(done.stdout)["commands"]]


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is installed by Scripts/setup --for-tests")
def test_the_manual_page_renders_without_warnings_and_names_every_command(binary, shell_env, tmp_path):
    page = subprocess.run([binary, "help", "--man"], env=shell_env, capture_output=True, text=True, check=True).stdout
    shipped = pathlib.Path(__file__).resolve().parents[2] / "Samples" / "man" / "reportdesk.1"
    assert shipped.read_text() == page, "Samples/man/reportdesk.1 is out of step; run Scripts/refresh-goldens"
    path = tmp_path / "reportdesk.1"
    path.write_text(page)
    checked = subprocess.run(["groff", "-man", "-ww", "-z", str(path)], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    rendered = subprocess.run(["groff", "-man", "-ww", "-Tutf8", str(path)], capture_output=True, text=True, timeout=60)
    assert rendered.stderr == ""
    text = rendered.stdout.replace("\u2010", "-")
    text = re.sub(".\b", "", text)
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"]:
        assert f"\n{section}\n" in text, section
    for command in commands(binary, shell_env):
        assert re.search(rf"^ {{7}}{re.escape(command)}\b", text, re.MULTILINE), command
    if shutil.which("man"):
        man = subprocess.run(["man", "-l", str(path)], env=dict(shell_env, MANPAGER="cat", MANWIDTH="80"),
                             capture_output=True, text=True, timeout=60)
        assert man.returncode == 0 and man.stderr == "", man.stderr
