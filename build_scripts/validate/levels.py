"""The rules of a framework's levels (docs/data-format.md, "Levels") that Table Schema
cannot say: in a framework with targets, every current indicator sits under at least
one target, and each current indicator's targets belong to exactly its outcomes (those
of ``indicator-outcomes``); and a code (``1``, ``1.2``, ``1.2.2``) names one current
outcome, target or indicator of its level. Which target and outcome a row names exists
is frictionless's foreign keys' to say (``foreign-key``).

Targets are not revisable (docs/revisions.md): a revision that moves indicators to
another outcome moves their targets, or them to other targets, as they are now. A
retired indicator keeps the outcomes it had, while its targets may have moved since, so
the rules hold for current indicators only."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from build_scripts.problems import Problem
from build_scripts.validate.catalogue import Catalogue, Entry


def check_levels(cat: Catalogue) -> list[Problem]:
    """Every problem with the framework's targets and codes."""
    problems = list(_codes(cat))
    if cat.has_targets:
        problems += _placements(cat)
    return problems


def _placements(cat: Catalogue) -> list[Problem]:
    targets_of: dict[str, list[str]] = {}
    for e in cat.target_links:
        targets_of.setdefault(e.row.get("indicator", ""), []).append(e.row.get("target", ""))
    problems = [
        _at(
            e,
            "slug",
            f"indicator {slug!r} is under no target; add it to indicator-targets.csv (in a "
            "framework with targets, every current indicator sits under at least one)",
            code="no-target",
        )
        for slug, e in cat.indicators.items()
        if slug and not e.row.get("retired_in") and not targets_of.get(slug)
    ]
    problems += _outside(cat)
    problems += _uncovered(cat, targets_of)
    return problems


def _outcome_of(cat: Catalogue, target: str) -> str | None:
    entry = cat.targets.get(target)
    return entry.row.get("outcome", "") if entry is not None else None


def _outside(cat: Catalogue) -> Iterator[Problem]:
    """Each row of indicator-targets names a target of one of the indicator's outcomes."""
    for e in cat.target_links:
        indicator, target = e.row.get("indicator", ""), e.row.get("target", "")
        outcome = _outcome_of(cat, target)
        if outcome is None or not _current(cat, indicator):
            continue  # frictionless reports a foreign key; a retired one is as it was
        outcomes = cat.outcomes_of.get(indicator, [])
        if outcome and outcome not in outcomes:
            yield _at(
                e,
                "target",
                f"target {target!r} is under the outcome {outcome!r}, which is not an "
                f"outcome of indicator {indicator!r} (indicator-outcomes.csv gives "
                f"{', '.join(repr(o) for o in outcomes) or 'none'}); place the indicator "
                f"under a target of its outcomes, or add {outcome!r} to its outcomes",
                code="target-outside-outcomes",
            )


def _uncovered(cat: Catalogue, targets_of: Mapping[str, list[str]]) -> Iterator[Problem]:
    """Each outcome of an indicator that has targets has one of them."""
    for e in cat.outcome_links:
        indicator, outcome = e.row.get("indicator", ""), e.row.get("outcome", "")
        targets = targets_of.get(indicator, [])
        if not targets or not outcome or not _current(cat, indicator):
            continue  # no-target says it, for a current indicator
        if any(_outcome_of(cat, t) == outcome for t in targets):
            continue
        yield _at(
            e,
            "outcome",
            f"indicator {indicator!r} is under the outcome {outcome!r} but under none of "
            f"its targets (its targets: {', '.join(repr(t) for t in targets)}); add it to "
            f"a target of {outcome!r} in indicator-targets.csv, or remove this row",
            code="outcome-without-target",
        )


def _current(cat: Catalogue, indicator: str) -> bool:
    entry = cat.indicators.get(indicator)
    return entry is not None and not entry.row.get("retired_in")


def _codes(cat: Catalogue) -> Iterator[Problem]:
    """A code is given to one current outcome, target or indicator of its level."""
    levels = (
        ("outcome", cat.outcome_rows),
        ("target", cat.targets),
        ("indicator", cat.indicators),
    )
    for level, rows in levels:
        seen: dict[str, str] = {}
        for slug, e in rows.items():
            code = e.row.get("code", "")
            if not code or e.row.get("retired_in"):
                continue
            if code in seen:
                yield _at(
                    e,
                    "code",
                    f"the code {code!r} is already the {level} {seen[code]!r}'s; give each "
                    f"current {level} a code of its own (or none)",
                    code="duplicate-code",
                )
            else:
                seen[code] = slug


def _at(e: Entry, column: str, message: str, *, code: str) -> Problem:
    return Problem(e.path, e.line, column, message, code=code)
