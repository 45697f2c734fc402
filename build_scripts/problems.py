"""Validation problems as located data, collected into a report and printed together.

A problem prints like a compiler message: ``path:row: column: message``; a problem in a
sheet of a workbook (``npf import-xlsx``) as ``file: sheet: row N: column: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_CAP = 50


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.

    ``row`` is the 1-based line number in the file (the header is row 1), or ``None``
    when the problem concerns the file as a whole. ``column`` is a field name, a
    descriptor property (``resources[0].path``) or ``None``. ``code`` says what is wrong,
    stably: the codes of ``npf validate`` are listed in ``build_scripts/validate/codes.py``;
    ``invalid`` is for problems found elsewhere (importers, the build). ``sheet``: the
    sheet of a workbook the problem is in (``row`` is then the sheet's row), else ``None``.
    """

    path: str
    row: int | None
    column: str | None
    message: str
    code: str = "invalid"
    sheet: str | None = None

    def format(self) -> str:
        if self.sheet is not None:
            parts = [self.path, self.sheet]
            parts += [f"row {self.row}"] if self.row is not None else []
            parts += [self.column] if self.column else []
            return ": ".join([*parts, self.message])
        location = self.path
        if self.row is not None:
            location += f":{self.row}"
        location += ":"
        if self.column:
            location += f" {self.column}:"
        return f"{location} {self.message}"


@dataclass
class Report:
    """All problems found by one validation run, plus what was checked."""

    problems: list[Problem] = field(default_factory=list)
    packages: int = 0
    rows: int = 0

    @property
    def valid(self) -> bool:
        return not self.problems

    def add(
        self,
        path: str,
        row: int | None,
        column: str | None,
        message: str,
        code: str = "invalid",
    ) -> None:
        self.problems.append(Problem(path, row, column, message, code))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON data (``npf validate --json``): every problem, in the
        order ``format`` prints them, uncapped."""
        return {
            "valid": self.valid,
            "packages": self.packages,
            "rows": self.rows,
            "problems": [_as_dict(p) for p in self.sorted_problems()],
        }

    def sorted_problems(self) -> list[Problem]:
        return sorted(set(self.problems), key=_sort_key)

    def format(self, cap: int = DEFAULT_CAP) -> str:
        """Every problem on its own line, capped, with a count of what was left out."""
        problems = self.sorted_problems()
        lines = [p.format() for p in problems[:cap]]
        if len(problems) > cap:
            lines.append(f"... and {len(problems) - cap} more problems not shown")
        noun = "problem" if len(problems) == 1 else "problems"
        lines.append(f"{len(problems)} {noun} found")
        return "\n".join(lines)


def _as_dict(p: Problem) -> dict[str, Any]:
    out: dict[str, Any] = {"path": p.path}
    if p.sheet is not None:
        out["sheet"] = p.sheet
    out.update({"row": p.row, "column": p.column, "code": p.code, "message": p.message})
    return out


def _sort_key(p: Problem) -> tuple[str, str, int, str, str]:
    row = p.row if p.row is not None else -1
    return (p.path, p.sheet or "", row, p.column or "", p.message)
