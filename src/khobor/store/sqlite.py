"""SQLite backend: a file (WAL journal, so the web UI can read while an ingest writes); read-only
connections use the ``mode=ro`` URI and never create or change the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .database import Database


class SQLiteDatabase(Database):
    dialect = "sqlite"

    @classmethod
    def connect(cls, path: str, *, readonly: bool = False) -> "SQLiteDatabase":
        memory = path == ":memory:"
        try:
            if readonly and not memory:
                p = Path(path).expanduser()
                if not p.is_file():
                    raise StoreError(f"no archive at {path} (create it with `khobor ingest`)")
                conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
            else:
                if not memory:
                    p = Path(path).expanduser()
                    if not p.parent.is_dir():
                        raise StoreError(f"cannot create the archive {path}: no folder {p.parent}")
                conn = sqlite3.connect(path if memory else str(Path(path).expanduser()), timeout=60)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open {path}: {e}") from e
        conn.row_factory = sqlite3.Row
        db = cls(conn, url=path, readonly=readonly)
        try:
            if readonly:
                conn.execute("PRAGMA query_only = ON")
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                # the search index (terms) takes rows in random key order: with SQLite's default 2 MB
                # page cache an ingest keeps re-reading index pages once the archive outgrows it
                conn.execute("PRAGMA cache_size = -65536")
        except sqlite3.Error as e:
            conn.close()
            raise StoreError(f"{path}: not a usable SQLite database ({e})") from e
        return db

    def _wrap(self, e: Exception) -> StoreError:
        if isinstance(e, sqlite3.DatabaseError) and "not a database" in str(e):
            return StoreError(f"{self.url}: not a SQLite database")
        return StoreError(f"{self.url}: {e}")

    def _table_exists(self, name: str) -> bool:
        return self.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def _row(self, r: Any, cur: Any) -> dict[str, Any]:
        return dict(r)
