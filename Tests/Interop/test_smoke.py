"""The built binary starts and answers in each mode it has."""
import json
import subprocess


def test_version_and_one_shot_json(binary, store):
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("reportdesk ")
    info = subprocess.run([binary, "--store", store, "--json", "info"], capture_output=True, text=True, check=True)
    assert json.loads(info.stdout)["version"] == 0
