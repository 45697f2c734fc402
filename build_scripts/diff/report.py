"""``Changes`` said three ways: plain text (a terminal), Markdown (a GitHub job summary
or a pull-request comment: a summary line, then a table per kind of change, each cut
at ``limit`` rows with a count of the rest) and JSON (every change, stable keys, no
words but the criteria and reasons; documented in ``docs/publishing.md``).

Every word is the message catalogue's (``diff.*``); every figure is written by the one
formatter (``formatting``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from build_scripts.diff.compare import Changes, Named, Periods, Renamed, Retired, Revision
from build_scripts.formatting import places
from build_scripts.messages import Message, message, phrase
from build_scripts.pages.markdown import text as markdown_text

FORMATS = ("text", "markdown", "json")
JSON_FORMAT = 2
"""The version of the JSON output's shape: raised when a key changes meaning or goes
(2: what a revision renamed is no longer listed as added and removed)."""
LONGEST = 160
"""Characters of a changed text shown in text and Markdown (JSON has all of it)."""


@dataclass(frozen=True)
class Section:
    """One kind of change: its heading, its table's columns, and each change as the
    cells of a row and as a line of plain text."""

    heading: Message
    columns: tuple[Message, ...]
    rows: Sequence[tuple[str, ...]]
    lines: list[Message]


def summary(changes: Changes) -> Message:
    """One sentence: how many changes of each kind, or that there are none."""
    if changes.empty:
        return message("diff.none", old=changes.old, new=changes.new)
    added = sum(f.added for f in changes.figures)
    removed = sum(f.removed for f in changes.figures)
    counts = [
        message("diff.indicators_added", n=len(changes.indicators_added)),
        message("diff.indicators_removed", n=len(changes.indicators_removed)),
        message("diff.outcomes_added", n=len(changes.outcomes_added)),
        message("diff.outcomes_removed", n=len(changes.outcomes_removed)),
        message("diff.indicators_retired", n=len(changes.indicators_retired)),
        message("diff.outcomes_retired", n=len(changes.outcomes_retired)),
        message("diff.indicators_renamed", n=len(changes.indicators_renamed)),
        message("diff.outcomes_renamed", n=len(changes.outcomes_renamed)),
        message("diff.new_periods", n=sum(len(p.periods) for p in changes.new_periods)),
        message("diff.removed_periods", n=sum(len(p.periods) for p in changes.removed_periods)),
        message("diff.revised", n=len(changes.revised)),
        message("diff.statuses", n=len(changes.statuses)),
        message("diff.metadata", n=len(changes.metadata)),
        message("diff.figures_added", n=added),
        message("diff.figures_removed", n=removed),
    ]
    parts = [m for m in counts if m.values["n"]]
    return message("diff.summary", parts=parts)


def _short(value: str) -> str:
    if not value:
        return phrase(message("diff.nothing"))
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= LONGEST else one_line[: LONGEST - 1] + "…"


def _figures(r: Revision) -> tuple[str, str, str]:
    """The old and new values at the places that tell them apart, and the change."""
    units = replace(r.units, decimals=None)
    decimals = max(places(r.old, r.new), r.units.decimals or 0)
    change = message(
        "diff.change", change=r.change, ratio=r.relative, units=units, decimals=decimals
    )
    return units.figure(r.old, decimals), units.figure(r.new, decimals), phrase(change)


def _breakdown(r: Revision) -> str:
    return "; ".join(r.labels) if r.labels else phrase(message("diff.total"))


def _by_size(r: Revision) -> tuple[float, str, str, str, str]:
    """Largest relative revisions first (from zero counts as largest); then by key."""
    size = float("inf") if r.relative is None else abs(r.relative)
    return (-size, r.indicator, r.measure, r.period, json.dumps([r.breakdowns, r.area]))


def sections(changes: Changes) -> list[Section]:
    """The kinds of change there are, in the order a reviewer reads them."""
    out: list[Section] = []
    col = _columns

    def named(heading: Message, items: Sequence[Named]) -> None:
        rows = [(n.slug, n.title) for n in items]
        lines = [message("diff.named", slug=n.slug, title=n.title) for n in items]
        out.append(Section(heading, col("slug", "title"), rows, lines))

    named(message("diff.heading.indicators_added"), changes.indicators_added)
    named(message("diff.heading.indicators_removed"), changes.indicators_removed)
    named(message("diff.heading.outcomes_added"), changes.outcomes_added)
    named(message("diff.heading.outcomes_removed"), changes.outcomes_removed)
    out.append(_retired(message("diff.heading.indicators_retired"), changes.indicators_retired))
    out.append(_retired(message("diff.heading.outcomes_retired"), changes.outcomes_retired))
    out.append(_renamed(message("diff.heading.indicators_renamed"), changes.indicators_renamed))
    out.append(_renamed(message("diff.heading.outcomes_renamed"), changes.outcomes_renamed))
    for heading, found in (
        (message("diff.heading.new_periods"), changes.new_periods),
        (message("diff.heading.removed_periods"), changes.removed_periods),
    ):
        rows = [(p.indicator, p.measure, ", ".join(p.periods)) for p in found]
        lines = [
            message("diff.periods", indicator=p.indicator, measure=p.measure, periods=p.periods)
            for p in found
        ]
        out.append(Section(heading, col("indicator", "measure", "periods"), rows, lines))
    out.append(_revisions(changes))
    out.append(
        Section(
            message("diff.heading.statuses"),
            col("indicator", "status_old", "status_new", "criterion", "reason"),
            [(s.indicator, s.old, s.new, s.criterion, s.reason) for s in changes.statuses],
            [
                message(
                    "diff.status",
                    indicator=s.indicator,
                    title=s.title,
                    old=s.old,
                    new=s.new,
                    criterion=s.criterion,
                    reason=s.reason,
                )
                for s in changes.statuses
            ],
        )
    )
    out.append(
        Section(
            message("diff.heading.metadata"),
            col("subject", "property", "old", "new"),
            [(m.subject, m.property, _short(m.old), _short(m.new)) for m in changes.metadata],
            [
                message(
                    "diff.metadata_line",
                    subject=m.subject,
                    property=m.property,
                    old=_short(m.old),
                    new=_short(m.new),
                )
                for m in changes.metadata
            ],
        )
    )
    out.append(
        Section(
            message("diff.heading.figures"),
            col("indicator", "measure", "added", "removed"),
            [(f.indicator, f.measure, str(f.added), str(f.removed)) for f in changes.figures],
            [
                message(
                    "diff.figures_line",
                    indicator=f.indicator,
                    measure=f.measure,
                    added=f.added,
                    removed=f.removed,
                )
                for f in changes.figures
            ],
        )
    )
    return [s for s in out if s.rows]


def _replaced_by(r: Retired) -> str:
    """What replaced a retired outcome or indicator, in words: "indicator-4 (Indicator
    4)" for each, or that nothing did."""
    if not r.replaced_by:
        return phrase(message("diff.replaced_by_nothing"))
    return "; ".join(
        phrase(message("diff.named_briefly", slug=n.slug, title=n.title)) for n in r.replaced_by
    )


def _retired(heading: Message, items: Sequence[Retired]) -> Section:
    """Outcomes or indicators a revision retired, with how and what replaced them."""
    rows = [(r.slug, r.title, r.version, _change(r.change), _replaced_by(r), r.note) for r in items]
    lines = [
        message(
            "diff.retired",
            slug=r.slug,
            title=r.title,
            version=r.version,
            change=_change(r.change),
            replaced_by=_replaced_by(r),
            note=r.note,
        )
        for r in items
    ]
    columns = _columns("slug", "title", "version", "how", "replaced_by", "note")
    return Section(heading, columns, rows, lines)


def _change(change: str) -> str:
    """A revision's change in words: "merged", "split", "retired"."""
    return phrase(message("diff.retired_how", change=change))


def _renamed(heading: Message, items: Sequence[Renamed]) -> Section:
    rows = [(r.old, r.new, r.title, r.version, r.note) for r in items]
    lines = [
        message("diff.renamed", old=r.old, new=r.new, title=r.title, version=r.version, note=r.note)
        for r in items
    ]
    columns = _columns("old_slug", "new_slug", "title", "version", "note")
    return Section(heading, columns, rows, lines)


def _revisions(changes: Changes) -> Section:
    rows: list[tuple[str, ...]] = []
    lines: list[Message] = []
    for r in sorted(changes.revised, key=_by_size):
        old, new, change = _figures(r)
        area = r.area_name if r.area else ""
        breakdown = _breakdown(r)
        rows.append((r.indicator, r.measure, r.period, breakdown, area, old, new, change))
        lines.append(
            message(
                "diff.revision",
                indicator=r.indicator,
                measure=r.measure,
                period=r.period,
                breakdown=breakdown,
                area=area,
                old=old,
                new=new,
                change=change,
            )
        )
    columns = _columns(
        "indicator", "measure", "period", "breakdown", "area", "old", "new", "change"
    )
    return Section(message("diff.heading.revised"), columns, rows, lines)


_COLUMN: dict[str, Callable[[], Message]] = {
    "slug": lambda: message("diff.column.slug"),
    "title": lambda: message("diff.column.title"),
    "indicator": lambda: message("diff.column.indicator"),
    "measure": lambda: message("diff.column.measure"),
    "period": lambda: message("diff.column.period"),
    "periods": lambda: message("diff.column.periods"),
    "breakdown": lambda: message("diff.column.breakdown"),
    "area": lambda: message("diff.column.area"),
    "old": lambda: message("diff.column.old"),
    "new": lambda: message("diff.column.new"),
    "change": lambda: message("diff.column.change"),
    "status_old": lambda: message("diff.column.status_old"),
    "status_new": lambda: message("diff.column.status_new"),
    "criterion": lambda: message("diff.column.criterion"),
    "reason": lambda: message("diff.column.reason"),
    "subject": lambda: message("diff.column.subject"),
    "property": lambda: message("diff.column.property"),
    "added": lambda: message("diff.column.added"),
    "removed": lambda: message("diff.column.removed"),
    "version": lambda: message("diff.column.version"),
    "how": lambda: message("diff.column.how"),
    "replaced_by": lambda: message("diff.column.replaced_by"),
    "note": lambda: message("diff.column.note"),
    "old_slug": lambda: message("diff.column.old_slug"),
    "new_slug": lambda: message("diff.column.new_slug"),
}


def _columns(*names: str) -> tuple[Message, ...]:
    return tuple(_COLUMN[name]() for name in names)


def _cut(count: int, limit: int) -> int:
    """How many of ``count`` rows to show (``limit`` 0: all)."""
    return count if limit <= 0 else min(count, limit)


def as_text(changes: Changes, limit: int = 50) -> str:
    """Plain text: the summary, then each kind of change as a list."""
    out = [
        phrase(message("diff.between", old=changes.old, new=changes.new)),
        phrase(summary(changes)),
    ]
    for section in sections(changes):
        shown = _cut(len(section.lines), limit)
        out += ["", phrase(section.heading)]
        out += [f"  {phrase(line)}" for line in section.lines[:shown]]
        if shown < len(section.lines):
            more = message("diff.more", n=len(section.lines) - shown)
            out.append(f"  {phrase(more)}")
    return "\n".join(out) + "\n"


def _cell(value: str) -> str:
    return markdown_text(value) if value else " "


def as_markdown(changes: Changes, limit: int = 50) -> str:
    """Markdown for GitHub: a heading, the summary in bold, a table per kind of change."""
    title = phrase(message("diff.title"))
    between = phrase(message("diff.between", old=f"`{changes.old}`", new=f"`{changes.new}`"))
    out = [f"## {title}", "", between, "", f"**{_cell(phrase(summary(changes)))}**"]
    for section in sections(changes):
        shown = _cut(len(section.rows), limit)
        header = [_cell(phrase(c)) for c in section.columns]
        out += ["", f"### {phrase(section.heading)} ({len(section.rows)})", ""]
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "|".join("---" for _ in header) + "|")
        out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in section.rows[:shown]]
        if shown < len(section.rows):
            out += ["", phrase(message("diff.more", n=len(section.rows) - shown))]
    return "\n".join(out) + "\n"


def as_data(changes: Changes) -> dict[str, Any]:
    """Every change as JSON data, in a stable shape (``JSON_FORMAT``)."""
    return {
        "format": JSON_FORMAT,
        "old": changes.old,
        "new": changes.new,
        "changed": not changes.empty,
        "summary": phrase(summary(changes)),
        "indicators": {
            "added": [_named(n) for n in changes.indicators_added],
            "removed": [_named(n) for n in changes.indicators_removed],
            "retired": [_retired_data(r) for r in changes.indicators_retired],
            "renamed": [_renamed_data(r) for r in changes.indicators_renamed],
        },
        "outcomes": {
            "added": [_named(n) for n in changes.outcomes_added],
            "removed": [_named(n) for n in changes.outcomes_removed],
            "retired": [_retired_data(r) for r in changes.outcomes_retired],
            "renamed": [_renamed_data(r) for r in changes.outcomes_renamed],
        },
        "periods": {
            "new": [_periods(p) for p in changes.new_periods],
            "removed": [_periods(p) for p in changes.removed_periods],
        },
        "revised": [
            {
                "indicator": r.indicator,
                "measure": r.measure,
                "period": r.period,
                "breakdowns": [{"type": t, "group": g} for t, g in r.breakdowns],
                "area": r.area or None,
                "old": r.old,
                "new": r.new,
                "change": r.change,
                "relative": r.relative,
            }
            for r in changes.revised
        ],
        "statuses": [
            {
                "indicator": s.indicator,
                "old": s.old,
                "new": s.new,
                "method": s.method,
                "criterion": s.criterion,
                "reason": s.reason,
            }
            for s in changes.statuses
        ],
        "metadata": [
            {
                "kind": m.kind,
                "subject": m.subject,
                "property": m.property,
                "old": m.old,
                "new": m.new,
            }
            for m in changes.metadata
        ],
        "figures": [
            {"indicator": f.indicator, "measure": f.measure, "added": f.added, "removed": f.removed}
            for f in changes.figures
        ],
    }


def _named(n: Named) -> dict[str, Any]:
    return {"slug": n.slug, "title": n.title}


def _retired_data(r: Retired) -> dict[str, Any]:
    return {
        "slug": r.slug,
        "title": r.title,
        "version": r.version,
        "change": r.change,
        "replaced_by": [_named(n) for n in r.replaced_by],
        "note": r.note,
    }


def _renamed_data(r: Renamed) -> dict[str, Any]:
    return {"old": r.old, "new": r.new, "title": r.title, "version": r.version, "note": r.note}


def _periods(p: Periods) -> dict[str, Any]:
    return {"indicator": p.indicator, "measure": p.measure, "periods": list(p.periods)}


def as_json(changes: Changes) -> str:
    return json.dumps(as_data(changes), indent=2, ensure_ascii=False) + "\n"


def render(changes: Changes, form: str, limit: int = 50) -> str:
    """``changes`` in the format ``form`` (one of ``FORMATS``)."""
    if form == "json":
        return as_json(changes)
    if form == "markdown":
        return as_markdown(changes, limit)
    return as_text(changes, limit)
