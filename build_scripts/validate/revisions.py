"""The rules of a framework's revisions (docs/revisions.md): the framework package has a
``version``; its optional ``revisions`` table leads from earlier versions to it, one after
another, without a loop; each change names slugs that exist on the right side of it (an
outcome or indicator a merge, split or retirement retired is kept with ``retired_in``,
its replacement is current after the revision, a renamed slug is not taken by another
page, since its old URL leads to the new one); and everything retired says by which
revision."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from build_scripts.problems import Problem
from build_scripts.validate.catalogue import Catalogue, Entry

RETIRING = ("merge", "split", "retire")
"""The changes after which the old slug is kept, marked retired, with its last figures."""
NEEDS = {
    "rename": (True, True),
    "merge": (True, True),
    "split": (True, True),
    "add": (False, True),
    "retire": (True, False),
}
"""For each change: whether it needs an old slug, and a new one (and may have no other)."""


def check_revisions(cat: Catalogue) -> list[Problem]:
    """Every problem with the framework's version and its revisions."""
    problems: list[Problem] = []
    if not cat.version:
        problems.append(
            Problem(
                cat.descriptor,
                None,
                "version",
                "the framework package has no 'version'; give the version of the framework "
                'it describes, as text ("1.0.0", "2018"): revisions and retired outcomes '
                "and indicators name it",
                code="missing-version",
            )
        )
    order = _versions(cat, problems)
    problems += _retired(cat, order)
    for entry in cat.revisions:
        problems += _change(cat, entry, order)
    return problems


def _versions(cat: Catalogue, problems: list[Problem]) -> dict[str, int]:
    """The versions the revisions lead through, oldest first (the framework's own last),
    as ``{version: position}``; problems for revisions off that one line."""
    previous: dict[str, tuple[str, Entry]] = {}
    for e in cat.revisions:
        before, after = e.row.get("from_version", ""), e.row.get("to_version", "")
        if before and before == after:
            problems.append(
                _at(
                    e,
                    "to_version",
                    f"a revision from {before!r} to itself; the new "
                    "version must differ from the old",
                    code="revision-cycle",
                )
            )
            continue
        previous.setdefault(after, (before, e))
    chain = [cat.version]
    while chain[0] in previous:
        before, e = previous[chain[0]]
        if before in chain:
            problems.append(
                _at(
                    e,
                    "from_version",
                    f"the versions loop: {before!r} comes after "
                    f"{chain[0]!r} too; each revision must lead to a newer version",
                    code="revision-cycle",
                )
            )
            break
        chain.insert(0, before)
    order = {v: i for i, v in enumerate(chain)}
    for e in cat.revisions:
        before, after = e.row.get("from_version", ""), e.row.get("to_version", "")
        if before == after:
            continue
        if order.get(after, 0) == 0 or chain[order[after] - 1] != before:
            problems.append(
                _at(
                    e,
                    "from_version",
                    f"the revision from {before!r} to {after!r} is not on the line of "
                    f"versions that leads to this framework's version {cat.version!r} "
                    f"({' -> '.join(chain)}); each version must follow exactly one earlier "
                    "one, and the last revision must lead to the package's 'version'",
                    code="revision-version-chain",
                )
            )
    return order


def _retired(cat: Catalogue, order: Mapping[str, int]) -> Iterator[Problem]:
    """Each retired outcome and indicator names a version a revision led to, and that
    revision says what became of it."""
    said = {
        (e.row.get("level"), e.row.get("old_slug"), e.row.get("to_version"))
        for e in cat.revisions
        if e.row.get("change") in RETIRING
    }
    for level, rows in (("outcome", cat.outcome_rows), ("indicator", cat.indicators)):
        for slug, e in rows.items():
            version = e.row.get("retired_in", "")
            if not version:
                continue
            if order.get(version, 0) == 0:
                known = ", ".join(repr(v) for v in list(order)[1:]) or "none"
                yield _at(
                    e,
                    "retired_in",
                    f"{level} {slug!r} is retired in {version!r}, a version no revision "
                    f"leads to (the revisions lead to: {known}); use one of those, or add "
                    "the revision to revisions.csv",
                    code="unknown-version",
                )
            elif (level, slug, version) not in said:
                yield _at(
                    e,
                    "retired_in",
                    f"{level} {slug!r} is retired in {version!r} but revisions.csv does not "
                    f"say what became of it; add a row from the version before to "
                    f"{version!r} with change merge, split or retire and old_slug {slug!r}",
                    code="retired-without-revision",
                )


def _change(cat: Catalogue, e: Entry, order: Mapping[str, int]) -> Iterator[Problem]:
    """The slugs of one revision exist on the right side of it."""
    level, change = e.row.get("level", ""), e.row.get("change", "")
    old, new = e.row.get("old_slug", ""), e.row.get("new_slug", "")
    after = e.row.get("to_version", "")
    if change not in NEEDS or level not in ("outcome", "indicator"):
        return  # frictionless reports the value against the enum
    rows = cat.outcome_rows if level == "outcome" else cat.indicators
    needs_old, needs_new = NEEDS[change]
    for column, slug, needed in (("old_slug", old, needs_old), ("new_slug", new, needs_new)):
        if needed and not slug:
            yield _at(
                e,
                column,
                f"a {change} needs a {column}; give the {level}'s slug",
                code="revision-slugs",
            )
        elif slug and not needed:
            yield _at(
                e,
                column,
                f"a {change} has no {column}; leave it empty"
                + (
                    " (an indicator retired with a replacement is a merge)"
                    if change == "retire"
                    else ""
                ),
                code="revision-slugs",
            )
    renamed = {
        r.row.get("old_slug", "")
        for r in cat.revisions
        if r.row.get("level") == level and r.row.get("change") == "rename"
    }
    if old and needs_old:
        if change == "rename":
            if old in rows:
                yield _at(
                    e,
                    "old_slug",
                    f"{old!r} was renamed, so its old address leads to {new!r}; yet "
                    f"{old!r} is also in {level}s: give the {level} another slug, or "
                    "make the change a merge",
                    code="revision-slug-taken",
                )
        elif old not in rows:
            yield _unknown(
                e,
                "old_slug",
                level,
                old,
                f"keep it in {level}s with retired_in "
                f"{after!r} (and its package), so its page stays",
            )
        elif rows[old].row.get("retired_in", "") != after:
            yield _at(
                e,
                "old_slug",
                f"{level} {old!r} is {change}d in {after!r} but its retired_in is "
                f"{rows[old].row.get('retired_in', '')!r}; set retired_in to {after!r}",
                code="revision-not-retired",
            )
    if new and needs_new:
        if new not in rows and new not in renamed:
            yield _unknown(e, "new_slug", level, new, f"add it to {level}s")
        elif new in rows:
            gone = rows[new].row.get("retired_in", "")
            if gone and order.get(gone, 0) <= order.get(after, 0):
                yield _at(
                    e,
                    "new_slug",
                    f"{level} {new!r} replaces another in {after!r} but is itself retired "
                    f"in {gone!r}; point the revision at a {level} current after {after!r}",
                    code="revision-replacement-retired",
                )


def _unknown(e: Entry, column: str, level: str, slug: str, fix: str) -> Problem:
    message = f"no {level} {slug!r} in {level}s.csv; {fix}"
    return _at(e, column, message, code="revision-unknown-slug")


def _at(e: Entry, column: str, message: str, *, code: str) -> Problem:
    return Problem(e.path, e.line, column, message, code=code)
