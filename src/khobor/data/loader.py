"""Loads the package's data files once (importlib.resources), NFC-normalised at this one boundary.

A TSV data file has a header row; lines starting with ``#`` are comments; empty cells become ``""``.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..text.normalize import normalize


def data_path(relpath: str) -> Path:
    """Filesystem path of a packaged data file (``kb/entities.tsv``)."""
    return Path(str(resources.files("khobor.data").joinpath(relpath)))


@lru_cache(maxsize=None)
def read_tsv(relpath: str) -> tuple[dict[str, str], ...]:
    """Rows of a packaged TSV as dicts, every cell NFC-normalised (cached: loaded once)."""
    path = data_path(relpath)
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple({k: normalize(v or "", fast=True) for k, v in row.items() if k is not None} for row in reader)


@lru_cache(maxsize=None)
def read_json(relpath: str) -> Any:
    with data_path(relpath).open(encoding="utf-8") as fh:
        return json.load(fh)


def has_data(relpath: str) -> bool:
    return data_path(relpath).exists()
