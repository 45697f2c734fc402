"""The one user-facing error type, printed once at the edge (``cli.main``)."""

from __future__ import annotations

from pathlib import Path

from build_scripts.problems import Problem


class NpfError(Exception):
    """An error the user can act on. ``cli.main`` prints it without a traceback.

    It carries either a plain message or a list of located problems.
    """

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def located(
    path: Path | str, row: int | None, column: str | None, message: str, code: str = "invalid"
) -> NpfError:
    """The error for one problem at a place in a file: ``raise located(path, 3, "id", ...)``."""
    problem = Problem(str(path), row, column, message, code)
    return NpfError(problem.format(), [problem])
