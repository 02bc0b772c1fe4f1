"""Shared fixtures: the gazetteer (built once per machine into the cache) and the ../shared data."""

from pathlib import Path

import pytest

from gazetteer import Gazetteer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared/data; tests that need it skip on a user's clone, where it does not exist."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data is absent (a user's clone): development data only")
    return SHARED
