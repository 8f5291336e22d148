"""khobor — reads Bengali news natively and turns it into structured event data.

>>> import khobor
>>> art = khobor.extract(open("article.txt", encoding="utf-8").read())
>>> art.to_dict()["entities"][0]["name_en"]

The public API is what ``__all__`` lists; everything else is private and may change.
"""

from __future__ import annotations

from typing import Any

from .article import Actor, Article, Entity, Event, Quantity, Time
from .errors import DataError, GoldError, InputError, KhoborError, StoreError
from .readers import Record, iter_records, read_path

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "extract",
    "extract_many",
    "Article",
    "Entity",
    "Time",
    "Quantity",
    "Event",
    "Actor",
    "Record",
    "read_path",
    "iter_records",
    "KhoborError",
    "InputError",
    "DataError",
    "StoreError",
    "GoldError",
]


def extract(text_or_record: str | dict[str, Any] | Record, published: str | None = None) -> Article:
    """Run the full pipeline on one article.

    ``text_or_record`` is plain text laid out like a news page (headline, credits, desk line, body,
    trailer), a record dict with the fields of OUTPUT.md (aliases accepted), or a :class:`Record`.
    ``published`` (``YYYY-MM-DD``) is the reference date when the article carries none.
    Raises :class:`InputError` for input that is not a Bengali article.
    """
    from .pipeline import get_pipeline

    return get_pipeline().process(text_or_record, published)


def extract_many(paths: list[str], fmt: str | None = None, published: str | None = None):
    """Yield an :class:`Article` or an :class:`InputError` (bad record, with its line) per record."""
    from .pipeline import get_pipeline

    pipe = get_pipeline()
    for rec in iter_records(paths, fmt):
        if isinstance(rec, InputError):
            yield rec
            continue
        try:
            yield pipe.process(rec, published)
        except InputError as err:
            yield err
