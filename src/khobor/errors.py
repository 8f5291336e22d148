"""One error hierarchy. Everything khobor raises on purpose is a :class:`KhoborError`; the CLI turns it
into one line on stderr and a non-zero exit code."""

from __future__ import annotations


class KhoborError(Exception):
    """Base class of every error khobor raises on purpose."""

    exit_code = 1


class InputError(KhoborError):
    """The input is not something khobor can read as an article (empty, undecodable, not Bengali …)."""

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, line: int | None = None) -> None:
        self.where = where
        self.line = line
        prefix = ""
        if where:
            prefix = f"{where}:{line}: " if line is not None else f"{where}: "
        elif line is not None:
            prefix = f"line {line}: "
        super().__init__(prefix + message)


class DataError(KhoborError):
    """A packaged data file or model is missing or malformed (an installation problem)."""

    exit_code = 3


class StoreError(KhoborError):
    """The archive database cannot be opened, migrated or queried."""

    exit_code = 4


class GoldError(InputError):
    """A gold-annotation file does not follow ANNOTATION.md."""
