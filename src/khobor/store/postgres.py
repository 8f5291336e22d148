"""PostgreSQL backend (psycopg 3: ``pip install "khobor[postgres]"``).  The same schema and SQL as SQLite;
read-only connections set ``default_transaction_read_only``."""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from .database import Database


class PostgresDatabase(Database):
    dialect = "postgres"

    @classmethod
    def connect(cls, url: str, *, readonly: bool = False) -> "PostgresDatabase":
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as e:  # pragma: no cover - depends on the install
            raise StoreError('PostgreSQL needs psycopg 3: pip install "psycopg[binary]"') from e
        try:
            conn = psycopg.connect(url, row_factory=dict_row, autocommit=readonly, connect_timeout=10)
            if readonly:
                conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to PostgreSQL: {str(e).strip()}") from e
        return cls(conn, url=_redact(url), readonly=readonly)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        try:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        except Exception as e:
            raise self._wrap(e) from e

    def _blob(self, b: bytes) -> Any:
        return bytes(b)

    def _table_exists(self, name: str) -> bool:
        return self.scalar("SELECT to_regclass(?) IS NOT NULL", (name,)) is True

    def _lock_for_migration(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(72161)")

    def _wrap(self, e: Exception) -> StoreError:
        try:
            if not self.readonly and not self.conn.autocommit:
                self.conn.rollback()
        except Exception:  # pragma: no cover
            pass
        return StoreError(f"PostgreSQL: {str(e).strip()}")

    def _row(self, r: Any, cur: Any) -> dict[str, Any]:
        return dict(r)


def _redact(url: str) -> str:
    """The URL without its password (it ends up in error messages)."""
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
