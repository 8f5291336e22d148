"""Where the test data lives. ``../shared`` (beside the repo) holds the real corpora; a fresh clone of
khobor has none, so tests that need it skip with this reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KHOBOR_SHARED", REPO.parent / "shared"))
SAMPLE = SHARED / "samples" / "putin-raisi-phone-call.txt"
NEWS = SHARED / "data" / "news"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(
    not (SHARED / "data").is_dir(),
    reason=f"needs the shared data folder at {SHARED} (absent in a fresh clone; CI has it)",
)
