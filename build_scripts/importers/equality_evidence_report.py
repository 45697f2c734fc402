"""What the equality evidence import does not import, located: problems and rows left out.

Nothing is dropped silently. A figure that is not a number, a period that cannot be
read (``row_problems``) and two figures for one key of a dataset (``clash_problems``)
are problems: they stop the import, each at its file, row and column. A row with a blank
figure and an exact repeat of a row read before are left out and reported
(``rows_left_out``: the report of ``npf import``, ``report.py``). Each is returned with
its dataset's uid, for ``equality_evidence_datasets.py`` to split by dataset.
"""

from __future__ import annotations

import pandas as pd

from build_scripts.contract import EVIDENCE_KEY_CANDIDATES
from build_scripts.importers.report import Skip
from build_scripts.problems import Problem


def row_problems(frame: pd.DataFrame, path: str) -> list[tuple[str, Problem]]:
    """A figure that is not a number, and the period of a row with a figure that cannot
    be read, each at its row and column, with its dataset's uid."""
    problems = [
        (key, Problem(path, int(line), "Figure", error))
        for key, line, error in zip(frame["uid"], frame["line"], frame["figure_error"], strict=True)
        if error
    ]
    unread = frame["figure_error"].eq("") & frame["number"].notna() & frame["period_error"].ne("")
    for row in frame[unread].to_dict("records"):
        column = "Breakdown" if row["transposed"] else "DateCode" if row["DateCode"] else "Year"
        message = f"{row['period_error']} (intervalType {row['intervalType.clean']!r})"
        problems.append((row["uid"], Problem(path, int(row["line"]), column, message)))
    return problems


def clash_problems(tidy: pd.DataFrame, lines: pd.Series, path: str) -> list[tuple[str, Problem]]:
    """Two figures for one key of a dataset: the second and later, at its first line."""
    clashes = tidy[tidy["clash"]]
    key = [f"tidy.{c}" for c in EVIDENCE_KEY_CANDIDATES]
    return [
        (
            uid,
            Problem(
                path,
                int(lines[uid]),
                "Figure",
                f"dataset {uid}: two figures ({first}, {value}) for "
                f"{dict(zip(EVIDENCE_KEY_CANDIDATES, k, strict=True))}",
            ),
        )
        for uid, first, value, *k in zip(
            clashes["uid"],
            clashes["first_value"],
            clashes["tidy.value"],
            *(clashes[c] for c in key),
            strict=True,
        )
    ]


def rows_left_out(frame: pd.DataFrame, tidy: pd.DataFrame, shown: str) -> list[tuple[str, Skip]]:
    """The rows left out, by dataset: a blank figure, or an exact repeat of a row read
    before (the report of ``npf import``, ``report.py``)."""
    blank = frame["number"].isna() & frame["figure_error"].eq("")
    out = [
        (uid, Skip("no-figure", shown, int(line), f"dataset {uid}", "Figure"))
        for uid, line in zip(frame["uid"][blank], frame["line"][blank], strict=True)
    ]
    repeats = tidy[tidy["repeat"]]
    out += [
        (uid, Skip("repeated-figure", shown, int(line), f"dataset {uid}: {value}"))
        for uid, line, value in zip(
            repeats["uid"], repeats["line"], repeats["tidy.value"], strict=True
        )
    ]
    return out
