"""khobor — reads Bengali news natively and turns it into structured event data."""

from __future__ import annotations

__version__ = "0.1.0"
