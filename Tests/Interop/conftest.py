"""Shared fixtures: the built binary and a fresh store folder per test."""
import os
import pathlib

import pytest


@pytest.fixture(scope="session")
def binary() -> str:
    path = os.environ.get("REPORTDESK_BINARY")
    if not path:
        root = pathlib.Path(__file__).resolve().parents[2]
        path = str(root / ".build" / "debug" / "reportdesk")
    assert os.access(path, os.X_OK), f"build reportdesk first: {path}"
    return path


@pytest.fixture
def store(tmp_path) -> str:
    return str(tmp_path / "store")
