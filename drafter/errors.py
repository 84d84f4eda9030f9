"""Errors the user sees. Each carries a one-line Chinese message; the CLI prints it and exits non-zero.

Only :class:`DrafterError` and its subclasses are meant to reach the user; anything else is a bug.
"""

from __future__ import annotations


class DrafterError(Exception):
    """A problem with the user's input or environment, explained in one Chinese line."""

    #: CLI exit code for this kind of problem.
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(DrafterError):
    """Bad arguments: a year out of range, an unknown kind, an existing file without --force."""


class InputError(DrafterError):
    """A file that cannot be read as a report: corrupt, encrypted, binary, too large, unreadable."""


class DraftFormatError(InputError):
    """A draft file whose Markdown or metadata header cannot be understood."""


class KindError(DrafterError):
    """A report kind that is unknown or whose data files are broken."""
