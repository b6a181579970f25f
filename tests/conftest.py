"""What every test shares: builds keep their cache in the test session's own folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def build_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds run by the tests (in this process or in others) never touch the user's cache."""
    before = os.environ.get("SITEGEN_CACHE")
    os.environ["SITEGEN_CACHE"] = str(tmp_path_factory.mktemp("sitegen-cache"))
    yield
    if before is None:
        os.environ.pop("SITEGEN_CACHE", None)
    else:
        os.environ["SITEGEN_CACHE"] = before
