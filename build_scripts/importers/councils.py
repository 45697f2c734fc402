"""The 32 council areas with their GSS codes, and every spelling of their names.

The codes come from ``wellbeing-economy-monitor/LAcodes.csv``. That file lists some areas
twice and four areas under both their old and their current code (Fife S12000015 and
S12000047, Perth and Kinross S12000024 and S12000048, North Lanarkshire S12000044 and
S12000050, Glasgow City S12000046 and S12000049: the codes changed with the 2018-2019
boundary amendments). We keep the current code, the higher one.

Names are matched by a key that ignores case, ``&``/``and``, punctuation and the words
``City``, ``of`` and ``Islands``, so ``Edinburgh, City of``, ``City of Edinburgh`` and
``Edinburgh City`` are one area; the Gaelic name of the Western Isles has a few more
spellings, listed in ``GAELIC``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.contract import SLUG, Column, ForeignKey, Table
from build_scripts.errors import NpfError
from build_scripts.problems import Problem

CODES_FILE = Path("wellbeing-economy-monitor") / "LAcodes.csv"
GSS = re.compile(r"S12\d{6}")
DROP = {"city", "of", "islands", "council"}
# Spellings of Na h-Eileanan Siar whose key differs from the official name's.
GAELIC = {"naheileanananiar", "naheileananiar", "eileansiar", "westernisles", "naheileanansiar"}
GAELIC_KEY = "naheileanansiar"
SCOTLAND = "Scotland"


def council_tables() -> list[Table]:
    """The NPF's geography in its framework package: the council areas (the places of
    the breakdown type ``council-area``, as ``npf.toml`` says) and every spelling of their
    names that a source uses."""
    return [
        Table(
            "council-areas",
            (
                Column("code", required=True, description="GSS code, `S12000xxx`."),
                Column("name", required=True, description="The council area's name."),
                Column(
                    "slug",
                    required=True,
                    description="Slug: lower case ASCII words joined by `-`.",
                    pattern=SLUG,
                ),
            ),
            ("code",),
        ),
        Table(
            "council-area-names",
            (
                Column("name", required=True, description="Every spelling seen in a source."),
                Column("code", required=True, description="The council area's GSS code."),
            ),
            ("name",),
            (ForeignKey(("code",), "council-areas", ("code",)),),
        ),
    ]


@dataclass(frozen=True)
class CouncilArea:
    """A council area as the NPF's sources name it (the framework's places table)."""

    code: str
    name: str
    slug: str


@dataclass
class Councils:
    areas: list[CouncilArea]
    by_key: dict[str, str]  # name key -> code
    spellings: dict[str, str] = field(default_factory=dict)  # every spelling seen -> code

    def code_of(self, name: str) -> str | None:
        """The GSS code of a council name as published, or None; records the spelling."""
        code = self.by_key.get(name_key(name))
        if code is not None:
            self.spellings[" ".join(name.split())] = code
        return code


def name_key(name: str) -> str:
    words = re.sub(r"[^a-z ]", " ", name.casefold().replace("&", " and ").replace("-", "")).split()
    key = "".join(w for w in words if w not in DROP)
    return GAELIC_KEY if key in GAELIC else key


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("&", "and")).strip("-")


def read_councils(source: Path) -> Councils:
    """The council areas of ``LAcodes.csv``, one per name, with its current code."""
    path = source / CODES_FILE
    best: dict[str, tuple[str, str]] = {}  # key -> (code, name)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                code, name = row.get("FeatureCode", "").strip(), row.get("CAName", "").strip()
                if not GSS.fullmatch(code) or not name:
                    problem = Problem(str(path), line, "FeatureCode", "not a S12 code and name")
                    raise NpfError(problem.format(), [problem])
                key = name_key(name)
                if key not in best or code > best[key][0]:
                    best[key] = (code, name)
    except FileNotFoundError as error:
        raise NpfError(f"{path}: file not found; is --source the source-data folder?") from error
    areas = sorted(
        (CouncilArea(code, name, slugify(name)) for code, name in best.values()),
        key=lambda a: a.code,
    )
    councils = Councils(areas=areas, by_key={k: v[0] for k, v in best.items()})
    for area in areas:
        councils.spellings[area.name] = area.code
    return councils
