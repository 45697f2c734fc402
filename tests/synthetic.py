"""Synthetic data packages of any size, following the data contract, for tests and for
the scale benchmark (``benchmarks/scale.py``).

Everything here is made up and says so: indicators are "Indicator 17", places "Area 3"
(codes ``S129000nn``, outside the range of real council area codes), sources "Synthetic
generator". The figures are a seeded random walk, so the same size and seed give the same
bytes on every run. The shape follows the real data: periods over 10 to 20 years (calendar,
financial or rolling three-year), a headline series and breakdowns by sex, age,
deprivation (quintiles) and area, confidence intervals on some indicators, some missing
periods, a provisional latest figure here and there, and about one indicator in eight
still in development (no figures).

By default an indicator has about as many rows as a real NPF indicator (a hundred or
two). Given a number of ``rows``, the generator spreads them over the published
indicators, adding cross-classified series (sex by deprivation, sex by age, age by area,
and so on) and then further measures until each indicator has its share.

Schemas come from ``build_scripts.contract`` and the files are written by the importers'
writer, so the packages are what ``npf import`` would write; ``tests/test_synthetic.py``
checks that they pass ``npf validate``.

    from tests.synthetic import Size, write_packages
    write_packages(tmp_path / "datapackages", Size(indicators=5))
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.config import default_project
from build_scripts.contract import (
    EVIDENCE_KEY_CANDIDATES,
    HEADLINE_GROUP,
    HEADLINE_TYPE,
    SCHEMA_URL,
    custom,
    evidence_table,
    framework_tables,
    indicator_table,
    places_table,
    revisions_table,
)
from build_scripts.importers.councils import council_tables
from build_scripts.importers.revision import revised_resources
from build_scripts.importers.write import format_number, write_csv, write_json
from build_scripts.periods import parse_period

COUNCIL_TYPE = "council-area"  # the default geography, shaped like the NPF's
SOURCE_ID = "synthetic-generator"
SOURCE = {
    "id": SOURCE_ID,
    "title": "Synthetic generator (made-up figures, not real data)",
    "path": "synthetic/figures.csv",
    "publisher": "Synthetic generator",
}
LAST_UPDATED = "2022-06-30"
IN_DEVELOPMENT_EVERY = 8  # indicator 8, 16, ... has no figures yet

# (unit, label, change label, is percentage, decimals, typical size)
UNITS = (
    ("percent", "%", "percentage points", True, 1, 50.0),
    ("years", "years", "years", False, 1, 60.0),
    ("index", "", "", False, 0, 100.0),
    ("rate-per-1000-people", "per 1,000 people", "per 1,000 people", False, 2, 12.0),
)
SEX = ("Female", "Male")
AGE = ("16 to 24", "25 to 34", "35 to 49", "50 to 64", "65 and over")
QUINTILES = ("1", "2", "3", "4", "5")
QUINTILE_LABELS = {"1": "1 (most deprived)", "5": "5 (least deprived)"}
PLACE = "<place>"  # the country's geography, in the pairs below
CROSSES = (  # cross-classified pairs, added in this order when rows are asked for
    ("sex", "simd"),
    ("sex", "age"),
    ("age", "simd"),
    ("sex", PLACE),
    ("simd", PLACE),
    ("age", PLACE),
)


@dataclass(frozen=True)
class Country:
    """Whose framework it is: the prefix of its custom properties, its geography (the
    breakdown type, the framework resource listing the places, how places are named and
    coded) and its licence. The default is shaped like the NPF's data (council areas,
    codes outside the real range, the Open Government Licence)."""

    prefix: str = "npf"
    place_type: str = COUNCIL_TYPE
    places: str = "council-areas"
    place_name: str = "Area"
    code_format: str = "S129{:05d}"
    licence: tuple[tuple[str, str], ...] = tuple(default_project().licence.descriptor().items())
    framework_title: str = "A synthetic framework"

    @property
    def licence_name(self) -> str:
        return dict(self.licence)["name"]


@dataclass(frozen=True)
class Size:
    """How much to make. ``rows``: the figures in all, spread over the published
    indicators (``None``: about as many per indicator as the real data has).
    ``targets``: a level of targets between the outcomes and the indicators, numbered as
    the Sustainable Development Goals number theirs (``targets_of``)."""

    indicators: int
    outcomes: int = 11
    areas: int = 32
    rows: int | None = None
    seed: int = 9
    country: Country = Country()
    targets: bool = False


def targets_of(outcome: int) -> int:
    """How many targets outcome ``outcome`` has, in a framework with targets: two or
    three (three for odd ones)."""
    return 2 + outcome % 2


def target_slug(outcome: int, target: int) -> str:
    return f"target-{outcome}-{target}"


def _placed(number: int, outcome: str, size: Size) -> str:
    """The target of ``outcome`` (``outcome-3``) an indicator sits under: the outcome's
    indicators take its targets in turn, so a target of an outcome with fewer indicators
    than targets has none (as a real target may have none yet)."""
    n = int(outcome.rsplit("-", 1)[1])
    return target_slug(n, (number - 1) // size.outcomes % targets_of(n) + 1)


def area_code(n: int, country: Country = Country()) -> str:
    return country.code_format.format(n)


def _groups(size: Size) -> dict[str, list[str]]:
    return {
        HEADLINE_TYPE: [HEADLINE_GROUP],
        "sex": list(SEX),
        "age": list(AGE),
        "simd": list(QUINTILES),
        size.country.place_type: [area_code(n, size.country) for n in range(1, size.areas + 1)],
    }


@dataclass
class _Indicator:
    number: int
    outcomes: list[str]
    measures: list[dict[str, Any]]
    criteria: dict[str, Any]
    rows: list[dict[str, str]]
    figures: int = 0  # rows written (``rows`` is emptied once they are)
    targets: list[str] = field(default_factory=list)  # in a framework with targets
    code: str = ""  # "1.2.1": its first target's code and its place under it

    @property
    def slug(self) -> str:
        return f"indicator-{self.number}"

    @property
    def title(self) -> str:
        return f"Indicator {self.number}"

    @property
    def published(self) -> bool:
        return bool(self.measures)


def _periods(rng: random.Random) -> list[str]:
    """10 to 20 periods ending between 2019 and 2022, in one of three styles."""
    count, last = rng.randint(10, 20), rng.randint(2019, 2022)
    years = range(last - count + 1, last + 1)
    style = rng.choice(("calendar", "calendar", "financial", "rolling"))
    if style == "financial":
        return [f"{y - 1}/{y % 100:02d}" for y in years]
    if style == "rolling":
        return [f"{y - 2}-{y}" for y in years]
    return [str(y) for y in years]


def _series(
    rng: random.Random,
    groups: dict[str, list[str]],
    share: int | None,
    periods: int,
    place: str,
) -> list[tuple[tuple[str, str], ...]]:
    """The series of one measure: the headline, some single breakdowns (all of them when
    rows are asked for), then cross-classified pairs until ``share`` rows are reached."""
    target = share or 0
    single = [t for t in ("sex", "age", "simd", place) if target or rng.random() < 0.4]
    series: list[tuple[tuple[str, str], ...]] = [((HEADLINE_TYPE, HEADLINE_GROUP),)]
    series += [((t, g),) for t in single for g in groups[t]]
    for pair in CROSSES if target else ():
        first, second = (place if t == PLACE else t for t in pair)
        if len(series) * periods >= target:
            break
        series += [((first, a), (second, b)) for a in groups[first] for b in groups[second]]
    return series


def _values(rng: random.Random, periods: int, typical: float, percent: bool) -> list[float]:
    value, step = typical * rng.uniform(0.6, 1.4), typical * 0.03
    walk = []
    for _ in range(periods):
        value += rng.gauss(0, step)
        walk.append(min(max(value, 0.5), 99.5) if percent else max(value, 0.1))
    return walk


def _offset(rng: random.Random, series: tuple[tuple[str, str], ...], typical: float) -> float:
    """How far a breakdown's figures sit from the headline: deprivation a gradient, the
    rest scattered."""
    offset = 0.0
    for kind, group in series:
        if kind == "simd":
            offset += (int(group) - 3) * typical * 0.05
        elif kind != HEADLINE_TYPE:
            offset += rng.gauss(0, typical * 0.06)
    return offset


def _measure_rows(
    rng: random.Random,
    measure: dict[str, Any],
    labels: list[str],
    series: list[tuple[tuple[str, str], ...]],
    intervals: bool,
    place: str,
) -> Iterator[dict[str, str]]:
    unit = measure["unit"]
    _, _, _, percent, decimals, typical = next(u for u in UNITS if u[0] == unit)
    headline = _values(rng, len(labels), typical, percent)
    dates = [parse_period(label) for label in labels]
    provisional = rng.random() < 0.2
    # Breakdowns start later than the headline; areas cover only the last few periods.
    starts = {HEADLINE_TYPE: 0, place: len(labels) - rng.randint(3, 8)}
    for kind in ("sex", "age", "simd"):
        starts[kind] = rng.randint(0, len(labels) // 2)
    for one in series:
        is_headline = one[0][0] == HEADLINE_TYPE
        offset = _offset(rng, one, typical)
        first = max(starts[kind] for kind, _ in one)
        for i in range(first, len(labels)):
            latest = i == len(labels) - 1
            # Missing periods: a gap now and then, never in the latest two of a headline.
            recent = is_headline and i >= len(labels) - 2
            if rng.random() < (0.03 if is_headline else 0.08) and not recent:
                continue
            value = headline[i] + offset + (0 if is_headline else rng.gauss(0, typical * 0.02))
            value = min(max(value, 0.1), 99.9) if percent else max(value, 0.1)
            value = round(value, decimals)
            row = {
                "measure": measure["name"],
                "period": labels[i],
                "period_start": dates[i].start.isoformat(),
                "period_end": dates[i].end.isoformat(),
                "breakdown_type": one[0][0],
                "breakdown_group": one[0][1],
                "breakdown_type_2": one[1][0] if len(one) > 1 else "",
                "breakdown_group_2": one[1][1] if len(one) > 1 else "",
                "value": format_number(value),
                "unit": unit,
                "flag": "provisional" if provisional and latest else "",
                "source": SOURCE_ID,
            }
            if intervals:
                half = round(max(typical * 0.02, 10**-decimals), decimals)
                low, high = round(value - half, decimals), round(value + half, decimals)
                row["lower"] = format_number(max(low, 0.0))
                row["upper"] = format_number(min(high, 100.0) if percent else high)
            yield row


def _indicator(
    number: int, size: Size, groups: dict[str, list[str]], share: int | None
) -> _Indicator:
    rng = random.Random(f"{size.seed}-{number}")
    outcomes = [f"outcome-{(number - 1) % size.outcomes + 1}"]
    if size.outcomes > 1 and rng.random() < 0.15:
        outcomes.append(f"outcome-{number % size.outcomes + 1}")
    if number % IN_DEVELOPMENT_EVERY == 0:
        return _Indicator(number, outcomes, [], {}, [])
    labels = _periods(rng)
    direction = rng.choice(("higher is better", "lower is better"))
    measures: list[dict[str, Any]] = []
    rows: list[dict[str, str]] = []
    intervals = rng.random() < 0.3
    count = 1 if share else rng.choice((1, 1, 1, 2))
    while len(measures) < count or (share and len(rows) < share):
        n = len(measures) + 1
        unit = rng.choice(UNITS)
        measure = {
            "name": f"measure-{n}",
            "title": f"Measure {n} of indicator {number}",
            "description": f"Synthetic figures for measure {n} of indicator {number}.",
            "unit": unit[0],
            "direction": direction,
            "headline": n == 1,
            "decimals": unit[4],
        }
        measures.append(measure)
        left = None if share is None else max(share - len(rows), len(labels))
        place = size.country.place_type
        series = _series(rng, groups, left, len(labels), place)
        rows += _measure_rows(rng, measure, labels, series, intervals, place)
    if intervals:
        criteria: dict[str, Any] = {"method": "confidence-intervals"}
    elif rng.random() < 0.2:
        criteria = {"method": "consecutive", "n": 3, "threshold": 1}
    else:
        criteria = {"method": "last-two", "threshold": 1, "relative": False}
    return _Indicator(number, outcomes, measures, criteria, rows)


def write_packages(out: Path, size: Size) -> int:
    """Write ``out/framework`` and ``out/indicators/*``; return the number of figures.
    Each indicator is written as soon as it is made, so memory stays small at any size."""
    groups = _groups(size)
    published = size.indicators - size.indicators // IN_DEVELOPMENT_EVERY
    share = None if size.rows is None else -(-size.rows // max(published, 1))
    indicators = []
    for number in range(1, size.indicators + 1):
        indicator = _indicator(number, size, groups, share)
        _write_indicator(out / "indicators" / indicator.slug, indicator, size.country)
        indicator.figures, indicator.rows = len(indicator.rows), []
        if size.targets:
            indicator.targets = [_placed(number, o, size) for o in indicator.outcomes]
        indicators.append(indicator)
    _code_indicators(indicators)
    _write_framework(out / "framework", size, indicators, groups)
    return sum(i.figures for i in indicators)


def _code_indicators(indicators: list[_Indicator]) -> None:
    """Each indicator with targets gets its first target's code and its place among
    that target's indicators: ``1.2.1``."""
    count: dict[str, int] = {}
    for indicator in indicators:
        if indicator.targets:
            first = indicator.targets[0]
            count[first] = count.get(first, 0) + 1
            _, outcome, target = first.split("-")
            indicator.code = f"{outcome}.{target}.{count[first]}"


def _target_rows(size: Size, indicators: list[_Indicator]) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``targets`` and ``indicator-targets``: two or three made-up targets
    for each outcome, and the targets each indicator sits under."""
    targets = [
        {
            "slug": target_slug(n, k),
            "outcome": f"outcome-{n}",
            "code": f"{n}.{k}",
            "title": f"Synthetic target {n}.{k}, made up for tests",
            "description": f"What target {n}.{k} covers (made up)." if k == 1 else "",
            "order": k,
        }
        for n in range(1, size.outcomes + 1)
        for k in range(1, targets_of(n) + 1)
    ]
    links = [{"indicator": i.slug, "target": t} for i in indicators for t in i.targets]
    return {"targets": targets, "indicator-targets": links}


def _write_indicator(folder: Path, indicator: _Indicator, country: Country) -> None:
    types = [HEADLINE_TYPE, "sex", "age", "simd", country.place_type]
    used = {r[c] for r in indicator.rows for c in ("breakdown_type", "breakdown_type_2")}
    seen: dict[str, None] = {}
    for row in indicator.rows:
        seen[row["breakdown_group"]] = None
        if row["breakdown_group_2"]:
            seen[row["breakdown_group_2"]] = None
    table = indicator_table(
        indicator.slug,
        [m["name"] for m in indicator.measures],
        [t for t in types if t in used],
        list(seen),
        sorted({m["unit"] for m in indicator.measures}),
        [SOURCE_ID],
    )
    write_csv(folder / table.path, table.fieldnames, indicator.rows)
    descriptor: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": indicator.slug,
        "description": f"Synthetic figures for {indicator.title}: made up, not real data.",
        "licenses": [dict(country.licence)],
        "sources": [SOURCE],
        "version": "1.0.0",
        "resources": [table.resource()],
    }  # the title, outcomes, measures and the rest are the catalogue's (framework/)
    write_json(folder / "datapackage.json", descriptor)


def _write_framework(
    folder: Path, size: Size, indicators: list[_Indicator], groups: dict[str, list[str]]
) -> None:
    country = size.country
    areas = groups[country.place_type]
    named = country.place_name
    labels = {
        HEADLINE_TYPE: {HEADLINE_GROUP: "All areas"},
        "simd": {q: QUINTILE_LABELS.get(q, q) for q in QUINTILES},
        country.place_type: {code: f"{named} {n}" for n, code in enumerate(areas, start=1)},
    }
    order = [(t, g) for t, gs in groups.items() for g in gs]
    rows: dict[str, list[dict[str, Any]]] = {
        "outcomes": [
            {
                "slug": f"outcome-{n}",
                **({"code": str(n)} if size.targets else {}),
                "name": f"Outcome {n}",
                "statement": f"We reach synthetic outcome {n}",
                "description": f"Synthetic outcome {n}, made up for tests and benchmarks.",
                "order": n,
            }
            for n in range(1, size.outcomes + 1)
        ],
        "indicators": [
            {
                "slug": i.slug,
                **({"code": i.code} if size.targets else {}),
                "title": i.title,
                "availability": "published" if i.published else "in development",
                "confirmed": "true",
                "source": SOURCE["publisher"],
                "criteria": json.dumps(i.criteria),
                "criteria_origin": "default",
                "last_updated": LAST_UPDATED,
            }
            for i in indicators
        ],
        "indicator-outcomes": [
            {"indicator": i.slug, "outcome": o} for i in indicators for o in i.outcomes
        ],
        "measures": [
            {
                "indicator": i.slug,
                **{k: m[k] for k in ("title", "description", "unit", "direction", "decimals")},
                "measure": m["name"],
                "headline": "true" if m["headline"] else "false",
            }
            for i in indicators
            for m in i.measures
        ],
        "units": [
            {
                "unit": u[0],
                "label": u[1],
                "change_label": u[2],
                "is_percentage": "true" if u[3] else "false",
            }
            for u in UNITS
        ],
        "characteristics": [
            {"slug": "age", "name": "Age"},
            {"slug": "sex", "name": "Sex"},
            {"slug": "socio-economic", "name": "Socio-economic status"},
            {"slug": "place", "name": "Place"},
        ],
        "breakdown-types": [
            {"slug": HEADLINE_TYPE, "name": "Total", "characteristic": ""},
            {"slug": "sex", "name": "Sex", "characteristic": "sex"},
            {"slug": "age", "name": "Age", "characteristic": "age"},
            {"slug": "simd", "name": "Deprivation (quintiles)", "characteristic": "socio-economic"},
            {"slug": country.place_type, "name": named, "characteristic": "place"},
        ],
        "breakdown-groups": [
            {"breakdown_type": t, "group": g, "label": labels.get(t, {}).get(g, g), "order": n}
            for n, (t, g) in enumerate(order, start=1)
        ],
        country.places: [
            {"code": code, "name": f"{named} {n}", "slug": f"{named.lower()}-{n}"}
            for n, code in enumerate(areas, start=1)
        ],
        "council-area-names": [
            {"name": f"{named} {n}", "code": code} for n, code in enumerate(areas, start=1)
        ],
        "sources": [{**SOURCE, "licence": country.licence_name}],
    }
    if size.targets:
        rows |= _target_rows(size, indicators)
    tables = framework_tables(codes=size.targets, targets=size.targets)
    at = next(i for i, t in enumerate(tables) if t.name == "sources")
    # The NPF-shaped default has the NPF's council tables; another country its places.
    places = council_tables() if country.places == "council-areas" else None
    tables[at:at] = places or [places_table(country.places)]
    resources = []
    for table in tables:
        write_csv(folder / table.path, table.fieldnames, rows[table.name])
        resources.append(table.resource())
    write_json(
        folder / "datapackage.json",
        {
            "$schema": SCHEMA_URL,
            "name": "framework",
            "title": country.framework_title,
            "description": "Synthetic: made up for tests and benchmarks. Not real figures.",
            "licenses": [dict(country.licence)],
            "sources": [SOURCE],
            "version": "1.0.0",
            custom("purpose", country.prefix): "To test and measure the site generator on "
            "made-up data.",
            "resources": resources,
        },
    )


def write_evidence(out: Path, country: Country, slug: str = "synthetic-evidence-by-sex") -> None:
    """One equality evidence package under ``out/equality-evidence``: a made-up rate by
    sex over three years, with the country's prefix and licence."""
    rng = random.Random(f"evidence-{slug}")
    rows = [
        {
            "measure": "Synthetic rate",
            "indicator": "Synthetic rate (made up)",
            "period": str(year),
            "period_start": f"{year}-01-01",
            "period_end": f"{year}-12-31",
            "breakdown": sex,
            "sub_breakdown": "",
            "value": format_number(round(rng.uniform(20, 80), 1)),
            "unit": "%",
        }
        for year in (2019, 2020, 2021)
        for sex in SEX
    ]
    table = evidence_table(slug, [c for c in EVIDENCE_KEY_CANDIDATES if c != "sub_breakdown"])
    folder = out / "equality-evidence" / slug
    write_csv(folder / table.path, table.fieldnames, rows)
    write_json(
        folder / "datapackage.json",
        {
            "$schema": SCHEMA_URL,
            "name": slug,
            "title": "A synthetic rate by sex",
            "description": "Synthetic: made up for tests. Not real figures.",
            "licenses": [dict(country.licence)],
            "sources": [SOURCE],
            custom("characteristic", country.prefix): "sex",
            custom("policy_area", country.prefix): "Synthetic policy area",
            custom("last_updated", country.prefix): LAST_UPDATED,
            "resources": [table.resource("A synthetic rate by sex")],
        },
    )


# --- hostile text ------------------------------------------------------------------

HOSTILE_PARTS = (
    "<script>window.__pwned=1</script>",
    "</script><script>window.__pwned=2</script>",
    '"><img src=x onerror="window.__pwned=3">',
    "javascript:window.__pwned=4",
    "{{ 7*7 }}",
    "{% raw %}",
    "[click](javascript:window.__pwned=5)",
    "*bold*",
    "| pipe |",
    "<!--",
    "]]>",
    "&amp;",
)
HOSTILE = " ".join(HOSTILE_PARTS)
"""Text that would run, or render as markup, wherever it were not escaped: HTML and
script, a ``javascript:`` address, Jinja, Markdown (a link, emphasis, a table), an HTML
comment, the end of a CDATA section and an entity."""
HOSTILE_URL = "javascript:window.__pwned=4"
"""An address that must never become a link (validation refuses it)."""
HOSTILE_WEB_URL = 'https://example.org/"><script>window.__pwned=6</script>'
"""A web address validation takes, which breaks out of an attribute if not escaped."""


def hostile(label: str) -> str:
    """``label`` followed by every hostile part: the label says which field it is."""
    return f"{label} {HOSTILE}"


def _edit_csv(path: Path, edit: Any) -> None:
    """Rewrite a CSV written by ``write_csv``, each row passed through ``edit``."""
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fieldnames = list(reader.fieldnames or [])
        rows = [edit(dict(row)) or row for row in reader]
    write_csv(path, fieldnames, rows)


def _set(**columns: Any) -> Any:
    """An edit that sets ``columns`` (a value, or a function of the row) in every row."""

    def edit(row: dict[str, str]) -> dict[str, str]:
        for column, value in columns.items():
            row[column] = value(row) if callable(value) else value
        return row

    return edit


def plant_hostile(
    out: Path, country: Country = Country(), source_url: str = HOSTILE_WEB_URL
) -> None:
    """Put hostile text (``hostile``) in every free-text field of the packages
    ``write_packages`` and ``write_evidence`` wrote under ``out``: outcomes' names,
    statements and descriptions, indicators' titles and producers, targets' titles and
    descriptions and every code of a framework with targets, measures' titles and
    descriptions, units' labels, characteristics', breakdown types' and groups' names,
    places' names, sources' titles, publishers and addresses (``source_url``), the notes of
    flagged figures, the packages' descriptions and the evidence datasets' text. Slugs
    and places' codes stay as they are: validation holds them to their patterns."""
    fw = out / "framework"
    _edit_csv(
        fw / "outcomes.csv",
        _set(
            name=lambda r: hostile(f"Outcome {r['order']}"),
            statement=lambda r: hostile(f"Statement {r['order']}"),
            description=lambda r: hostile(f"Description of outcome {r['order']}"),
        ),
    )
    _edit_csv(
        fw / "indicators.csv",
        _set(title=lambda r: hostile(r["title"]), source=hostile("Producer")),
    )
    if (fw / "targets.csv").is_file():  # a framework with targets, and codes
        coded = _set(code=lambda r: hostile(f"Code {r['code']}") if r["code"] else "")
        for name in ("outcomes", "indicators", "targets"):
            _edit_csv(fw / f"{name}.csv", coded)
        _edit_csv(
            fw / "targets.csv",
            _set(
                title=lambda r: hostile(f"Target {r['slug']}"),
                description=lambda r: hostile(f"Description of {r['slug']}"),
            ),
        )
    _edit_csv(
        fw / "measures.csv",
        _set(
            title=lambda r: hostile(r["title"]),
            description=lambda r: hostile(f"About {r['measure']}"),
        ),
    )
    _edit_csv(
        fw / "units.csv",
        _set(label=lambda r: hostile(f"unit {r['unit']}") if r["label"] else ""),
    )
    _edit_csv(fw / "characteristics.csv", _set(name=lambda r: hostile(r["name"])))
    _edit_csv(fw / "breakdown-types.csv", _set(name=lambda r: hostile(r["name"])))
    _edit_csv(
        fw / "breakdown-groups.csv",
        _set(label=lambda r: hostile(f"Group {r['label']}")),
    )
    for places in (country.places, "council-area-names"):
        if (fw / f"{places}.csv").is_file():
            _edit_csv(fw / f"{places}.csv", _set(name=lambda r: hostile(r["name"])))
    _edit_csv(
        fw / "sources.csv",
        _set(title=hostile("Source"), publisher=hostile("Publisher"), url=source_url),
    )
    source = {
        **SOURCE,
        "title": hostile("Source"),
        "publisher": hostile("Publisher"),
        "url": source_url,
    }
    for descriptor in sorted(out.glob("**/datapackage.json")):
        data = json.loads(descriptor.read_text(encoding="utf-8"))
        data["sources"] = [source]
        data["description"] = hostile(f"Description of {data['name']}")
        if "title" in data:
            data["title"] = hostile(f"Title of {data['name']}")
        for key in (custom("purpose", country.prefix), custom("policy_area", country.prefix)):
            if key in data:
                data[key] = hostile("Policy")
        write_json(descriptor, data)
    for table in sorted((out / "indicators").glob("*/*.csv")):
        _edit_csv(table, _flag_latest_headline)
    for table in sorted((out / "equality-evidence").glob("*/*.csv")):
        _edit_csv(
            table,
            _set(
                measure=hostile("Evidence measure"),
                indicator=hostile("Evidence indicator"),
                breakdown=lambda r: hostile(r["breakdown"]),
                unit=hostile("Evidence unit"),
            ),
        )


def _flag_latest_headline(row: dict[str, str]) -> dict[str, str]:
    """Every flagged figure gets a hostile note; the latest headline figures of the first
    measure (2019 onwards, so every published indicator has some) are flagged revised."""
    headline = row["breakdown_type"] == HEADLINE_TYPE and row["measure"] == "measure-1"
    if headline and not row["flag"] and row["period_end"] >= "2019-12-31":
        row["flag"] = "revised"
    if row["flag"]:
        row["note"] = hostile(f"Note on {row['period']}")
    return row


# --- a revision of the framework ------------------------------------------------------

REVISED_VERSION = "2.0.0"
"""The version ``plant_revision`` makes of a synthetic framework (``1.0.0``)."""
REVISION = (
    # (level, change, old slug, new slug, note): each kind of change, on the indicators
    # of ``Size(12, outcomes=3)`` (indicator-8 has no figures; the rest have).
    ("indicator", "rename", "earlier-indicator-1", "indicator-1", "A clearer name."),
    ("indicator", "merge", "indicator-2", "indicator-4", "Two measures of one thing."),
    ("indicator", "merge", "indicator-3", "indicator-4", "Two measures of one thing."),
    ("indicator", "split", "indicator-5", "indicator-6", "Split by what it measured."),
    ("indicator", "split", "indicator-5", "indicator-7", "Split by what it measured."),
    ("indicator", "retire", "indicator-9", "", "No longer measured."),
    ("indicator", "add", "", "indicator-10", "A new indicator."),
    ("outcome", "merge", "outcome-3", "outcome-1", "Outcome 3 joined outcome 1."),
)
"""The revision ``plant_revision`` makes: a rename, a merge, a split, a retirement and an
addition of indicators, and an outcome merged into another."""


def plant_revision(out: Path, revision: tuple[tuple[str, ...], ...] = REVISION) -> None:
    """Make the synthetic framework under ``out`` (``write_packages``, version 1.0.0)
    a revised one, version ``REVISED_VERSION``: a ``revisions`` resource with the rows of
    ``revision``, and ``retired_in`` on the outcomes and indicators merged, split or
    retired (kept, with their packages, as a revision keeps them). The current indicators
    of a retired outcome move to the outcome that replaced it."""
    fw = out / "framework"
    retiring = {"merge", "split", "retire"}
    retired = {(r[0], r[2]) for r in revision if r[1] in retiring}
    moved = {r[2]: r[3] for r in revision if r[0] == "outcome" and r[1] in retiring and r[3]}
    for name, level in (("outcomes", "outcome"), ("indicators", "indicator")):
        path = fw / f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fieldnames = [*(reader.fieldnames or []), "retired_in"]
            rows = [
                {**row, "retired_in": REVISED_VERSION if (level, row["slug"]) in retired else ""}
                for row in reader
            ]
        write_csv(path, fieldnames, rows)
    if moved and (fw / "targets.csv").is_file():
        # Targets are not revisable: those of a retired outcome move, as they are, to the
        # outcome that replaced it, with its current indicators (docs/revisions.md).
        _edit_csv(fw / "targets.csv", _set(outcome=lambda r: moved.get(r["outcome"], r["outcome"])))
    placements = fw / "indicator-outcomes.csv"
    with placements.open(encoding="utf-8", newline="") as f:
        kept: dict[tuple[str, str], None] = {}
        for row in csv.DictReader(f):
            outcome = row["outcome"]
            if outcome in moved and ("indicator", row["indicator"]) not in retired:
                outcome = moved[outcome]
            kept.setdefault((row["indicator"], outcome), None)
    write_csv(
        placements,
        ["indicator", "outcome"],
        [{"indicator": i, "outcome": o} for i, o in kept],
    )
    table = revisions_table()
    columns = ("level", "change", "old_slug", "new_slug", "note")
    write_csv(
        fw / table.path,
        table.fieldnames,
        [
            {
                "from_version": "1.0.0",
                "to_version": REVISED_VERSION,
                **dict(zip(columns, r, strict=True)),
            }
            for r in revision
        ],
    )
    descriptor = json.loads((fw / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = REVISED_VERSION
    # the field added to the schemas as they are (docs/revisions.md, step 4)
    descriptor["resources"] = revised_resources(descriptor["resources"])
    write_json(fw / "datapackage.json", descriptor)


def rename_indicator(out: Path, old: str, new: str) -> None:
    """Rename indicator ``old`` to ``new`` in the data under ``out`` as a revision's
    rename does (docs/revisions.md, step 3): its folder, CSV and package ``name``, and
    its slug in the framework's ``indicators``, ``measures``, ``indicator-outcomes`` and
    (with targets) ``indicator-targets``. The revision's row is ``plant_revision``'s to write."""
    folder = out / "indicators" / old
    (folder / f"{old}.csv").rename(folder / f"{new}.csv")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = new
    for resource in descriptor["resources"]:
        if resource.get("name") == old:
            resource["name"] = new
        if resource.get("path") == f"{old}.csv":
            resource["path"] = f"{new}.csv"
    write_json(folder / "datapackage.json", descriptor)
    folder.rename(out / "indicators" / new)
    for table, column in (
        ("indicators", "slug"),
        ("measures", "indicator"),
        ("indicator-outcomes", "indicator"),
        ("indicator-targets", "indicator"),  # in a framework with targets
    ):
        path = out / "framework" / f"{table}.csv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fields, rows = list(reader.fieldnames or []), list(reader)
        for row in rows:
            if row[column] == old:
                row[column] = new
        write_csv(path, fields, rows)
