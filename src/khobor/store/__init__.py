"""The archive: SQLite/PostgreSQL storage, ingest with deduplication and stories, Bengali search, exports.

Public API: :func:`open_database` / :class:`Database` (:mod:`.database`), :func:`ingest` /
:func:`ingest_paths` / :class:`IngestSummary` (:mod:`.ingest`), :class:`SearchHit` (:mod:`.search`),
:func:`export_events` (:mod:`.export`).
"""

from .database import Database, Prepared, open_database, prepare
from .search import SearchHit

__all__ = ["Database", "Prepared", "open_database", "prepare", "SearchHit"]
