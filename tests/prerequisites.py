"""What a test needs from the machine: skip without it, but never under CI=true."""

from __future__ import annotations

import os

import pytest


def require(present: bool, reason: str) -> None:
    """Skip without a prerequisite; under CI=true fail instead, so a skip can never hide."""
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)
