"""The project's configuration: ``npf.toml`` in the project folder.

What makes a site one framework's and not another's lives here, not in the code: the
site's name, the framework's nouns ("National Outcome"), the place the headline figures
are for, which breakdown types are geographies, the licence and attribution, the prefix
of the data's custom properties, the language, and where the project's folders are.

Every setting is declared once in ``SETTINGS`` (section, key, type, default, what it
means). Reading checks the file against it and reports every problem together, each
located by line and setting (``npf.toml:12: [framework] place: ...``), as the data's
problems are; ``docs/configuration.md`` shows the same table, generated from it.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts import messages
from build_scripts.contract import SLUG as SLUG_PATTERN
from build_scripts.errors import NpfError
from build_scripts.problems import Problem

CONFIG_FILE = "npf.toml"
LANGUAGES = messages.languages()
"""The languages a project may choose: one per catalogue of messages in
``build_scripts/messages/`` (``en.toml`` is ``en``), so adding a catalogue adds a choice."""
SLUG = re.compile(rf"{SLUG_PATTERN}\Z")
PREFIX = re.compile(r"[a-z][a-z0-9]*\Z")
SITE_URL = re.compile(r"(https?://[^\s/?#]+/([^\s?#]*/)?)?\Z")
"""An absolute ``http(s)`` URL ending with ``/`` (or nothing: the site has no URL)."""
WEB_URL = re.compile(r"https?://[^\s/?#]+\S*\Z")
"""An absolute ``http(s)`` URL (a licence's address): never ``javascript:`` or ``data:``."""
CONTACT = re.compile(r"(https?://\S+|mailto:\S+@\S+|[^\s@:/]+@[^\s@]+\.[^\s@]+)?\Z")
"""An email address, a ``mailto:`` or an ``http(s)`` URL (or nothing)."""
SITE_URL_VARIABLE = "NPF_SITE_URL"
"""The environment variable that, when set, stands for ``[site] url`` (a deployment's
address, set by CI, say, without editing the file)."""
SITE_PUBLISHER_VARIABLE = "NPF_SITE_PUBLISHER"
SITE_CONTACT_VARIABLE = "NPF_SITE_CONTACT"
DEPLOYMENT_FALLBACKS = {"publisher": SITE_PUBLISHER_VARIABLE, "contact": SITE_CONTACT_VARIABLE}
"""``[site]`` settings that the deployment may fill in when the file leaves them empty:
who publishes the site is whoever deploys it (the deploy workflow names the owner of the
repository and its issues page), unless ``npf.toml`` says otherwise."""


@dataclass(frozen=True)
class Setting:
    """One setting: ``[section] key``, its default (``None``: required) and what it
    means, for people (the docs) and for the checks. Every setting is text."""

    section: str
    key: str
    default: str | None
    description: str
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None

    @property
    def required(self) -> bool:
        return self.default is None


SETTINGS: tuple[Setting, ...] = (
    Setting("site", "name", None, "The site's name, in the header and every page title."),
    Setting("site", "description", "", "One sentence saying what the site is for."),
    Setting(
        "site",
        "language",
        "en",
        "The language of the site's own words (a catalogue of messages).",
        choices=LANGUAGES,
    ),
    Setting(
        "site",
        "url",
        "",
        "The address the site is published at: an absolute `http(s)` URL ending with `/`. "
        "It gives every page its canonical link and Open Graph address (and chart image), "
        "`sitemap.xml` its addresses and citations their permanent URL. Empty: none of "
        f"those (citations give the page's path). `{SITE_URL_VARIABLE}`, when set, "
        "stands for it.",
        pattern=SITE_URL,
    ),
    Setting(
        "site",
        "publisher",
        "",
        "Who publishes this site (a team or organisation), named in every page's footer "
        f"and in citations; empty: `{SITE_PUBLISHER_VARIABLE}` when set (the deploy "
        "workflow sets the repository's owner), else not named.",
    ),
    Setting(
        "site",
        "contact",
        "",
        "Where readers reach the site's publisher: an email address or an `http(s)` URL, "
        f"linked in every page's footer; empty: `{SITE_CONTACT_VARIABLE}` when set (the "
        "deploy workflow sets the repository's issues page), else no contact is shown.",
        pattern=CONTACT,
    ),
    Setting(
        "publisher",
        "name",
        "",
        "Whose official statistics the figures are (their producer), named in every "
        "page's footer, in citations and in every download's notes.",
    ),
    Setting(
        "publisher",
        "url",
        "",
        "The publisher's public page (an `http(s)` URL); empty: its name is not linked.",
        pattern=SITE_URL,
    ),
    Setting(
        "publisher",
        "contact",
        "",
        "Where readers ask the producer about the figures: an email address or an "
        "`http(s)` URL, linked in every page's footer, and the catalogue's contact point "
        "when `[site] contact` is empty; empty: not shown.",
        pattern=CONTACT,
    ),
    Setting("framework", "name", None, "The framework's name in running text."),
    Setting("framework", "outcome", "Outcome", "What one outcome is called."),
    Setting("framework", "outcomes", "Outcomes", "What the outcomes are called."),
    Setting("framework", "indicator", "Indicator", "What one indicator is called."),
    Setting("framework", "indicators", "Indicators", "What the indicators are called."),
    Setting(
        "framework",
        "target",
        "",
        'What one target is called ("Target"): the level between outcomes and indicators '
        "of a framework whose data has targets (`targets.csv`); set it and `targets` for "
        "such a framework, and leave both empty for one without targets.",
    ),
    Setting("framework", "targets", "", 'What the targets are called ("Targets").'),
    Setting(
        "framework",
        "place",
        None,
        'The place the headline figures are for ("Scotland", "United Kingdom"), as a '
        "label, a table's column or a chart's legend names it.",
    ),
    Setting(
        "framework",
        "place_in_text",
        "",
        'The place as a sentence says it, where that differs from `place` ("the United '
        'Kingdom": "How the United Kingdom is performing"); a sentence that starts with '
        "it gives its first letter a capital. Empty: `place` as written.",
    ),
    Setting(
        "geography",
        "breakdown_type",
        None,
        "A breakdown type of the data whose groups are places (a slug of "
        "`breakdown-types`). One `[[geography]]` table per such type.",
        pattern=SLUG,
    ),
    Setting("geography", "name", None, 'What the places are called ("Council areas").'),
    Setting(
        "geography",
        "singular",
        "",
        'What one place is called ("Council area"); by default the name without its final "s".',
    ),
    Setting(
        "geography",
        "codes",
        "",
        'Where the places\' codes come from, for people ("ONS GSS codes, S12").',
    ),
    Setting(
        "geography",
        "resource",
        "",
        "The framework package's resource that lists the places (columns `code`, `name`, "
        '`slug`); by default the breakdown type followed by "s" (`council-areas`).',
        pattern=SLUG,
    ),
    Setting(
        "geography",
        "code_pattern",
        "",
        "A regular expression every place's code matches whole (`S12[0-9]{6}`); empty: "
        "any code. Validation checks the places' table against it.",
    ),
    Setting(
        "geography",
        "boundaries",
        "",
        "A boundary file for maps (TopoJSON, one object `places` with the places' codes as "
        "`id`s; see `docs/maps.md`), relative to the project folder; empty: no maps.",
    ),
    Setting("licence", "name", None, 'The licence\'s identifier ("OGL-UK-3.0").'),
    Setting("licence", "title", None, "The licence's title."),
    Setting(
        "licence",
        "url",
        None,
        "Where the licence is published: an absolute `http(s)` URL.",
        pattern=WEB_URL,
    ),
    Setting("licence", "attribution", "", "The statement a reuser must copy."),
    Setting(
        "data",
        "property_prefix",
        "npf",
        "The prefix of the data packages' custom properties (`npf:measures`).",
        pattern=PREFIX,
    ),
    Setting("paths", "data", "datapackages", "The data packages."),
    Setting("paths", "pages", "site_src", "The hand-written pages."),
    Setting("paths", "output", "site", "Where the site is built."),
    Setting("paths", "cache", ".cache", "Charts, downloads and records kept between builds."),
    Setting("paths", "work", "build", "Scratch folders of running builds."),
    Setting(
        "paths",
        "maintainers",
        "",
        "A folder of Markdown guides for the framework's maintainers (adding an indicator, "
        "updating figures, releasing), published under `maintainers/` with a page listing "
        "them, linked from the hand-written pages as they choose; empty: none published.",
    ),
    Setting(
        "paths",
        "releases",
        "releases",
        "The record of each release (`npf release`, docs/releases.md), committed: "
        "the site lists them when the folder exists.",
    ),
)
ARRAYS = ("geography",)
"""Sections written as arrays of tables (``[[geography]]``), each entry checked alike."""
PAIRS = {"framework": (("target", "targets"),)}
"""Settings given together or not at all: a level's noun, one and many."""


@dataclass(frozen=True)
class Geography:
    breakdown_type: str
    name: str
    codes: str = ""
    boundaries: Path | None = None
    singular: str = ""
    resource: str = ""
    code_pattern: str = ""

    @property
    def places(self) -> str:
        """The framework resource that lists the places."""
        return self.resource or f"{self.breakdown_type}s"

    @property
    def one(self) -> str:
        """What one place is called: ``singular``, else the name without its final "s"."""
        return self.singular or self.name.removesuffix("s")


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    url: str
    attribution: str = ""

    def descriptor(self) -> dict[str, str]:
        """The licence as a data package's ``licenses`` lists it."""
        return {"name": self.name, "title": self.title, "path": self.url}


@dataclass(frozen=True)
class Publishing:
    """Who publishes what, and where: the site's address (``[site] url``, or ``""``),
    its publisher and contact, and the publisher of the figures it republishes."""

    site_url: str = ""
    site_publisher: str = ""
    contact: str = ""
    statistics_by: str = ""
    statistics_url: str = ""
    statistics_contact: str = ""

    def absolute(self, path: str) -> str:
        """The absolute URL of a built file (``indicators/x.html``); ``""`` without a
        site URL."""
        return f"{self.site_url}{path}" if self.site_url else ""

    @property
    def contact_url(self) -> str:
        """The site's contact as a link: ``mailto:`` for an email address."""
        return _contact_link(self.contact)

    @property
    def statistics_contact_url(self) -> str:
        """The figures' producer's contact as a link."""
        return _contact_link(self.statistics_contact)


def _contact_link(contact: str) -> str:
    """A contact setting as a link: ``mailto:`` before an email address, an address as
    it is, ``""`` for none."""
    if not contact or ":" in contact:
        return contact
    return f"mailto:{contact}"


@dataclass(frozen=True)
class Nouns:
    outcome: str
    outcomes: str
    indicator: str
    indicators: str
    target: str = ""  # empty: the framework has no targets
    targets: str = ""


@dataclass(frozen=True)
class Paths:
    """The project's folders, absolute."""

    root: Path
    data: Path
    pages: Path
    output: Path
    cache: Path
    work: Path
    maintainers: Path | None = None
    releases: Path | None = None

    @property
    def release_records(self) -> Path:
        """The releases folder (``[paths] releases``), by default ``releases`` of the
        project's root."""
        return self.releases if self.releases is not None else self.root / "releases"


@dataclass(frozen=True)
class Project:
    name: str
    description: str
    language: str
    framework: str
    nouns: Nouns
    place: str
    geographies: tuple[Geography, ...]
    licence: Licence
    property_prefix: str
    paths: Paths
    publishing: Publishing = Publishing()
    place_in_text: str = ""  # the place in running text, where it differs ("the United Kingdom")

    @property
    def place_text(self) -> str:
        """The place as a sentence says it (``[framework] place_in_text``, else ``place``)."""
        return self.place_in_text or self.place

    def geography(self, breakdown_type: str) -> Geography | None:
        return next((g for g in self.geographies if g.breakdown_type == breakdown_type), None)

    def check_breakdown_types(self, known: set[str]) -> list[Problem]:
        """Each ``[[geography]]`` names a breakdown type the data has."""
        path = str(self.paths.root / CONFIG_FILE)
        return [
            Problem(
                path,
                None,
                "[geography] breakdown_type",
                f"{g.breakdown_type!r} is not a breakdown type of the data "
                f"(known: {', '.join(sorted(known))})",
                code="config-unknown-breakdown",
            )
            for g in self.geographies
            if g.breakdown_type not in known
        ]

    def check_levels(self, has_targets: bool) -> list[Problem]:
        """A framework whose data has targets names them (``[framework] target`` and
        ``targets``). The reverse is no problem: a project may name the level before its
        data has it, and the nouns are then unused."""
        if not has_targets or (self.nouns.target and self.nouns.targets):
            return []
        return [
            Problem(
                str(self.paths.root / CONFIG_FILE),
                None,
                "[framework] target",
                "the data has targets (targets.csv) but npf.toml names no noun for them; "
                'set [framework] target and targets (such as "Target" and "Targets")',
                code="config-target-nouns",
            )
        ]


GENERATOR_ROOT = Path(__file__).resolve().parent.parent
"""The generator's repository, whose ``npf.toml`` is the NPF's project."""


@functools.cache
def default_project() -> Project:
    """The repository's own project: what the library uses when a caller (a test, a
    benchmark) gives none. ``npf build`` always passes the project it loaded."""
    return load_project(GENERATOR_ROOT)


def load_project(folder: Path, files: bool = True) -> Project:
    """The configuration of the project in ``folder``; ``NpfError`` listing every problem.
    ``files=False`` leaves out the check that the boundary files exist (``npf import``
    makes them)."""
    path = folder / CONFIG_FILE
    if not path.is_file():
        raise NpfError(
            f"{path}: no project configuration here; pass --project with the folder that "
            f"holds {CONFIG_FILE} (docs/configuration.md says what it holds)"
        )
    return read_project(path, files)


def _deployment_fallbacks(values: dict[str, Any], checker: _Checker) -> None:
    """Fill ``[site] publisher`` and ``contact``, where the file leaves them empty, from
    the deployment's environment (``DEPLOYMENT_FALLBACKS``), checked like the file's."""
    site = values.get("site")
    if not isinstance(site, dict):
        return
    for key, variable in DEPLOYMENT_FALLBACKS.items():
        given = os.environ.get(variable, "").strip()
        if site.get(key) or not given:
            continue
        pattern = next(s.pattern for s in SETTINGS if (s.section, s.key) == ("site", key))
        if pattern is not None and not pattern.match(given):
            message = f"{given!r} (from {variable}) is not an email address or http(s) URL"
            checker.problem("site", key, message, code="config-pattern")
        else:
            site[key] = given


def read_project(path: Path, files: bool = True) -> Project:
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _decode_line(str(error))
        problem = Problem(str(path), line, None, f"not valid TOML: {error}", code="config-syntax")
        raise NpfError(problem.format(), [problem]) from None
    checker = _Checker(path, text)
    values = checker.check(raw)
    override = os.environ.get(SITE_URL_VARIABLE)
    if override is not None and override.strip() and isinstance(values.get("site"), dict):
        if SITE_URL.match(override.strip()):
            values["site"]["url"] = override.strip()
        else:
            message = (
                f"{override!r} (from {SITE_URL_VARIABLE}) is not an absolute http(s) URL "
                "ending with '/'"
            )
            checker.problem("site", "url", message, code="config-pattern")
    _deployment_fallbacks(values, checker)
    for n, geography in enumerate(values.get("geography", [])):
        boundaries = geography.get("boundaries")
        if (
            files
            and isinstance(boundaries, str)
            and boundaries
            and not (path.parent / boundaries).is_file()
        ):
            message = f"{boundaries!r} is not a file in {path.parent}"
            checker.problem("geography", "boundaries", message, code="config-file", n=n)
        pattern = geography.get("code_pattern")
        if isinstance(pattern, str) and pattern:
            try:
                re.compile(pattern)
            except re.error as error:
                message = f"{pattern!r} is not a regular expression: {error}"
                checker.problem("geography", "code_pattern", message, code="config-regex", n=n)
    if checker.problems:
        raise NpfError(
            f"{path} has {len(checker.problems)} problem"
            f"{'' if len(checker.problems) == 1 else 's'}; fix them and run the command again",
            checker.problems,
        )
    return _project(path.parent.resolve(), values)


def _decode_line(message: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else None


class _Checker:
    """Checks a parsed file against ``SETTINGS``, collecting located problems."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def problem(self, section: str, key: str | None, message: str, code: str, n: int = 0) -> None:
        where = f"[{section}] {key}" if key else f"[{section}]"
        line = _line_of(self.lines, section, key, n)
        self.problems.append(Problem(str(self.path), line, where, message, code))

    def check(self, raw: dict[str, Any]) -> dict[str, Any]:
        sections = {s.section for s in SETTINGS}
        values: dict[str, Any] = {}
        for name in raw:
            if name not in sections:
                self.problem(name, None, _unknown("section", name, sections), code="config-unknown")
        for section in sorted(sections, key=[s.section for s in SETTINGS].index):
            body = raw.get(section, [] if section in ARRAYS else {})
            if section in ARRAYS:
                if not isinstance(body, list):
                    self.problem(
                        section, None, f"write it as [[{section}]] tables", code="config-type"
                    )
                    continue
                values[section] = [self.section(section, entry, n) for n, entry in enumerate(body)]
            elif not isinstance(body, dict):
                self.problem(section, None, f"write it as a [{section}] table", code="config-type")
            else:
                values[section] = self.section(section, body, 0)
        return values

    def section(self, section: str, body: Any, n: int) -> dict[str, Any]:
        settings = {s.key: s for s in SETTINGS if s.section == section}
        if not isinstance(body, dict):
            self.problem(section, None, "must be a table of settings", code="config-type", n=n)
            return {}
        for key in body:
            if key not in settings:
                message = _unknown("setting", key, settings)
                self.problem(section, key, message, code="config-unknown", n=n)
        for one, many in PAIRS.get(section, ()):
            given = [key for key in (one, many) if isinstance(body.get(key), str) and body[key]]
            if len(given) == 1:
                missing = many if given == [one] else one
                message = f"is set but {missing!r} is not; set both, or neither"
                self.problem(section, given[0], message, code="config-target-nouns", n=n)
        values = {}
        for key, setting in settings.items():
            if key not in body:
                if setting.required:
                    self.problem(section, key, "is required", code="config-missing", n=n)
                values[key] = setting.default
                continue
            values[key] = value = body[key]
            if not isinstance(value, str):
                message = f"must be text in quotes, not {value!r}"
                self.problem(section, key, message, code="config-type", n=n)
            elif setting.required and not value.strip():
                self.problem(section, key, "must not be empty", code="config-missing", n=n)
            elif setting.choices and value not in setting.choices:
                choices = ", ".join(repr(c) for c in setting.choices)
                message = f"{value!r} is not one of {choices}"
                self.problem(section, key, message, code="config-choice", n=n)
            elif setting.pattern and not setting.pattern.match(value):
                message = f"{value!r} does not match {setting.pattern.pattern}"
                self.problem(section, key, message, code="config-pattern", n=n)
        return values


def _unknown(what: str, name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(sorted(known))}"
    return f"unknown {what} {name!r}{hint}"


def _line_of(lines: list[str], section: str, key: str | None, n: int) -> int | None:
    """The line of ``key`` in the ``n``-th ``[section]`` (or ``[[section]]``) of the file,
    else the section's header line, else ``None``."""
    header = re.compile(rf"\s*\[\[?\s*{re.escape(section)}\s*\]\]?\s*(#.*)?$")
    any_header = re.compile(r"\s*\[")
    assignment = re.compile(rf"\s*{re.escape(key)}\s*=") if key else None
    seen = -1
    inside = False
    found: int | None = None
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            seen += 1
            inside = seen == n
            if inside:
                found = number
            continue
        if any_header.match(line):
            inside = False
        elif inside and assignment and assignment.match(line):
            return number
    return found


def _project(root: Path, values: dict[str, Any]) -> Project:
    site, framework, licence = values["site"], values["framework"], values["licence"]
    paths = values["paths"]
    return Project(
        name=site["name"],
        description=site["description"],
        language=site["language"],
        framework=framework["name"],
        nouns=Nouns(
            framework["outcome"],
            framework["outcomes"],
            framework["indicator"],
            framework["indicators"],
            framework["target"],
            framework["targets"],
        ),
        place=framework["place"],
        place_in_text=framework["place_in_text"],
        geographies=tuple(
            Geography(
                g["breakdown_type"],
                g["name"],
                g["codes"],
                root / g["boundaries"] if g["boundaries"] else None,
                g["singular"],
                g["resource"],
                g["code_pattern"],
            )
            for g in values["geography"]
        ),
        licence=Licence(licence["name"], licence["title"], licence["url"], licence["attribution"]),
        property_prefix=values["data"]["property_prefix"],
        publishing=Publishing(
            site_url=site["url"],
            site_publisher=site["publisher"],
            contact=site["contact"],
            statistics_by=values["publisher"]["name"],
            statistics_url=values["publisher"]["url"],
            statistics_contact=values["publisher"]["contact"],
        ),
        paths=Paths(
            root=root,
            data=root / paths["data"],
            pages=root / paths["pages"],
            output=root / paths["output"],
            cache=root / paths["cache"],
            work=root / paths["work"],
            maintainers=root / paths["maintainers"] if paths["maintainers"] else None,
            releases=root / paths["releases"],
        ),
    )


def settings_markdown() -> str:
    """The reference table of ``docs/configuration.md``, one row per setting."""
    rows = ["| setting | default | what it is |", "| --- | --- | --- |"]
    for s in SETTINGS:
        section = f"[[{s.section}]]" if s.section in ARRAYS else f"[{s.section}]"
        default = "required" if s.required else (f"`{s.default}`" if s.default else "empty")
        extra = ""
        if s.choices:
            extra = f" One of {', '.join(f'`{c}`' for c in s.choices)}."
        if s.pattern:
            extra = f" Matches `{s.pattern.pattern.removesuffix(chr(92) + 'Z')}`."
        description = (s.description + extra).replace("|", "\\|")
        rows.append(f"| `{section} {s.key}` | {default} | {description} |")
    return "\n".join(rows)
