"""The message catalogue: every sentence analysis says has English words, and a second
catalogue changes the words and nothing else."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from build_scripts import messages
from build_scripts.analyse.findings import GroupFigure, findings, key_findings
from build_scripts.analyse.statuses import Status, assess
from build_scripts.charts.model import Bar, Series, SeriesPoint
from build_scripts.charts.summary import flags_note, summarise, summarise_bars
from build_scripts.formatting import Units, published_date
from build_scripts.messages import Catalogue, CatalogueError, Message, message, phrase, use

from ..analyse.helpers import series, year

PACKAGE = Path(messages.__file__).resolve().parents[1]
# message("status.break", ...) in the code, t("page.home.title") and plain(...) in the page
# templates: every id said, by the literal it uses
MESSAGE_ID = re.compile(r"""(?:message|_say|\bt|\bplain)\(\s*"([a-z_]+(?:\.[a-z_]+)+)\"""")
TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})", re.S)
PLURAL_FORM = re.compile(r"""(\b(?:one|two|few|other)=")([^"]*)""")
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")
PERCENT = Units(is_percentage=True)
YEARS = Units("years")


def pseudo(catalogue: Catalogue) -> Catalogue:
    """A pseudo-localised copy: the words of every template in capitals, its tags (the
    figures, names and periods it is given) as they are, except the words of plural
    forms (``plural(one="figure", other="figures")``)."""
    templates = {
        key: "".join(
            PLURAL_FORM.sub(lambda m: m.group(1) + m.group(2).upper(), part)
            if TAG.fullmatch(part)
            else part.upper()
            for part in TAG.split(text)
        )
        for key, text in catalogue.templates.items()
    }
    months = [m.upper() for m in catalogue.months]
    return Catalogue("en-x-pseudo", templates, catalogue.proper_words, catalogue.plural, months)


def test_every_id_the_code_says_has_english_words_and_every_word_is_said() -> None:
    said = {
        found
        for pattern in ("*.py", "*.j2")
        for path in PACKAGE.rglob(pattern)
        for found in MESSAGE_ID.findall(path.read_text(encoding="utf-8"))
    }
    english = messages.english().ids()
    assert said, "no message ids found: the pattern no longer matches the code"
    assert said - english == set()
    assert english - said - {"words.and"} == set()


def test_every_english_template_compiles() -> None:
    english = messages.english()
    for key in english.ids():
        english.environment.from_string(english.templates[key])


def test_an_id_missing_from_a_catalogue_is_named() -> None:
    with pytest.raises(CatalogueError, match=r"status\.break"):
        phrase(message("status.break", period="2014"), Catalogue("gd", {}))


def test_a_catalogue_file_is_tables_of_templates(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(
        'language = "xx"\n[words]\nand = "agus"\n[status]\nbreak = "BRISEADH {{ period }}"\n',
        encoding="utf-8",
    )
    catalogue = Catalogue.load(path)
    assert catalogue.language == "xx"
    assert catalogue.ids() == {"words.and", "status.break"}
    assert phrase(message("status.break", period="2014"), catalogue) == "BRISEADH 2014"
    assert catalogue.join(["a", "b", "c"]) == "a, b agus c"


def _same_but_words(english: str, other: str) -> None:
    """``other`` says ``english`` in other words: not the same text, the same text once
    the words are in capitals, and the same figures in the same order."""
    assert other != english
    assert other.upper() == english.upper()
    assert NUMBER.findall(other) == NUMBER.findall(english)


STATUS_CASES = [
    (series([61.6, 62.6]), {"method": "last-two", "threshold": 1}, PERCENT),
    (series([50, 52.5]), {"method": "last-two", "threshold": 0.1, "relative": True}, YEARS),
    (series([1, 2, 3, 3.5]), {"method": "consecutive", "n": 3, "threshold": 1}, YEARS),
    (series([1, 2, 3, 5]), {"method": "versus-average", "k": 3, "threshold": 1}, PERCENT),
    (series([-0.8]), {"method": "latest-value", "threshold": 0.5}, PERCENT),
    (
        [year(2010, 50, 48, 52), year(2011, 56, 54, 58)],
        {"method": "confidence-intervals"},
        YEARS,
    ),
    (series([62.6]), {"method": "last-two", "threshold": 1}, PERCENT),
]


@pytest.mark.parametrize(("points", "criteria", "units"), STATUS_CASES)
def test_a_second_catalogue_changes_the_words_of_a_status_not_its_figures(
    points: list, criteria: dict[str, object], units: Units
) -> None:
    english = assess(points, "higher is better", criteria, units=units)
    with use(pseudo(messages.english())):
        other = assess(points, "higher is better", criteria, units=units)
        other_reason, other_criterion = other.reason, other.criterion
    assert other == english  # the result is data: the catalogue only says it
    _same_but_words(english.reason, other_reason)
    _same_but_words(english.criterion, other_criterion)
    # outside the block, English again
    assert assess(points, "higher is better", criteria, units=units).reason == english.reason


def test_a_status_result_is_data() -> None:
    result = assess(
        series([61.6, 62.6]),
        "higher is better",
        {"method": "last-two", "threshold": 1},
        units=PERCENT,
    )
    assert result.status is Status.IMPROVING
    assert (result.method, result.direction, result.units) == (
        "last-two",
        "higher is better",
        PERCENT,
    )
    assert (result.base, result.change, result.threshold, result.counts) == (61.6, 1.0, 1.0, True)
    assert [p.period for p in result.compared] == ["2010", "2011"]
    assert isinstance(result.why, Message) and result.why.id == "status.compared"
    assert result.why.values["change"] == 1.0


def test_a_second_catalogue_changes_the_words_of_findings_and_chart_summaries() -> None:
    headline = series([61.6, 62.6, 62.6, 63.9])
    headline[2] = year(2012, 62.6, break_before=True)
    groups = {
        "Sex": [
            GroupFigure("Female", 63.1, "2013", date(2013, 1, 1)),
            GroupFigure("Male", 60.2, "2013", date(2013, 1, 1)),
            GroupFigure("Other", 99.0, "2013", date(2013, 1, 1), suspect=True),
        ]
    }
    points = [
        SeriesPoint(p.period, p.start, p.value or 0, flag="provisional" if i == 3 else None)
        for i, p in enumerate(headline)
    ]
    lines = [Series("Female", tuple(points)), Series("Male", tuple(points[:2]))]
    bars = [Bar("Fife", 1.5), Bar("Moray", 2.25), Bar("Angus", 9, flag="suspect")]

    def said() -> list[str]:
        return [
            *key_findings(headline, breakdowns=groups, units=PERCENT),
            summarise(lines, "Healthy life", YEARS),
            summarise(lines[:1], "Healthy life", YEARS),
            flags_note(lines),
            summarise_bars(bars, "By area", "2019", PERCENT),
        ]

    english = said()
    assert len(findings(headline, breakdowns=groups, units=PERCENT)) == 5
    with use(pseudo(messages.english())):
        other = said()
    assert len(other) == len(english)
    for e, o in zip(english, other, strict=True):
        _same_but_words(e, o)


def test_every_catalogue_beside_english_says_every_message() -> None:
    assert "en" in messages.languages()
    english = messages.english().ids()
    for language in messages.languages():
        assert messages.catalogue(language).ids() == english, language
    with pytest.raises(CatalogueError, match="no catalogue of messages for 'xx'"):
        messages.catalogue("xx")


def test_the_words_that_keep_their_capital_are_the_catalogues() -> None:
    english = messages.english()
    assert "Scottish" in english.proper_words
    name = "Scottish Index of Multiple Deprivation"
    assert messages.lower_first_name(name) == name
    assert messages.lower_first_name("Sex") == "sex"
    assert messages.lower_first_name("SIMD quintile") == "SIMD quintile"
    with use(Catalogue("xx", english.templates, proper_words=["Sex"])):
        assert messages.lower_first_name("Sex") == "Sex"
        assert messages.lower_first_name(name) == "scottish Index of Multiple Deprivation"


def test_a_noun_phrase_is_mentioned_by_its_head_word(tmp_path: Path) -> None:
    """``head``: a level's noun as a column header or a generic mention ("for each
    goal"), the English head word last; a catalogue may say its language's is first."""
    english = messages.english()
    assert english.head("National Outcome") == "outcome"
    assert english.head("Goal") == "goal"
    assert english.head("Key SDG") == "SDG"  # an acronym keeps its capitals
    said = phrase(message("page.column.outcome", outcome="National Outcome"))
    assert said == "Outcome"
    assert phrase(message("page.column.outcome", outcome="Goal")) == "Goal"
    first = Catalogue("xx", {"a": "{{ noun|head }}"}, head_word="first")
    assert first.phrase(message("a", noun="Amas Nàiseanta")) == "amas"
    path = tmp_path / "xx.toml"
    path.write_text('language = "xx"\nhead_word = "middle"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="head_word is one of last, first"):
        Catalogue.load(path)


def test_proper_words_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text('language = "xx"\nproper_words = "UK"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="proper_words must be a list"):
        Catalogue.load(path)


@pytest.mark.parametrize(
    ("rule", "counts"),
    [
        ("one-other", {1: "one", 0: "other", 2: "other", 11: "other", 1.5: "other"}),
        (
            "gaelic",
            {
                1: "one",
                11: "one",
                2: "two",
                12: "two",
                3: "few",
                10: "few",
                13: "few",
                19: "few",
                0: "other",
                20: "other",
                21: "other",
                1.5: "other",
            },
        ),
    ],
)
def test_a_catalogue_chooses_plural_forms_by_its_rule(rule: str, counts: dict[float, str]) -> None:
    template = '{{ n|plural(one="1", two="2", few="3", other="x") }}'
    catalogue = Catalogue("xx", {"n": template}, plural=rule)
    forms = {"one": "1", "two": "2", "few": "3", "other": "x"}
    for n, category in counts.items():
        assert phrase(message("n", n=n), catalogue) == forms[category], n
    # a form the template leaves out falls back to other
    two_forms = Catalogue("xx", {"n": '{{ n|plural(one="a", other="b") }}'}, plural=rule)
    assert phrase(message("n", n=2), two_forms) == "b"
    with pytest.raises(CatalogueError, match="no plural rule"):
        Catalogue("xx", {}, plural="three-forms")


def test_dates_and_units_are_written_in_the_catalogue_in_use() -> None:
    assert published_date("2020-10-12") == "12 October 2020"
    assert PERCENT.amount(1) == "1 percentage point"
    assert PERCENT.amount(1.25) == "1.25 percentage points"
    assert YEARS.amount(-1) == "1 year"
    assert YEARS.amounts([1, 2]) == "1 and 2 years"
    with use(pseudo(messages.english())):
        assert published_date("2020-10-12") == "12 OCTOBER 2020"
        assert published_date("2022-03") == "MARCH 2022"
        assert PERCENT.amount(1) == "1 PERCENTAGE POINT"
        assert YEARS.amount(2) == "2 years"  # the unit is the data's
    assert published_date("2021") == "2021" and published_date("soon") == "soon"


def test_a_catalogue_names_twelve_months(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text('language = "xx"\nmonths = ["Am Faoilleach"]\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="12 months"):
        Catalogue.load(path)
    with pytest.raises(CatalogueError, match="names no months"):
        Catalogue("xx", {}).month_name(1)


def test_a_remembered_phrase_is_the_phrase_of_the_same_values() -> None:
    catalogue = Catalogue("xx", {"n": "{{ n }}", "l": "{{ items|join }}"})
    assert phrase(message("n", n=1), catalogue) == "1"
    assert phrase(message("n", n=1.0), catalogue) == "1.0"  # equal, but not the same value
    assert phrase(message("n", n=True), catalogue) == "True"
    assert phrase(message("l", items=["a", "b"]), catalogue) == "a and b"  # not remembered
    assert phrase(message("l", items=["a", "c"]), catalogue) == "a and c"


def test_a_phrase_holding_a_message_is_phrased_each_time_not_remembered() -> None:
    """A message's hash is its id alone, so remembered phrases keyed by messages would
    all share one hash, and every lookup compare the new key with each of them: at a
    million figures, planning the charts took most of a build. Such a phrase is said
    again each time (the message inside it is remembered)."""
    catalogue = Catalogue("xx", {"n": "{{ n }}", "of": "({{ inner }})"})
    for n in range(50):
        assert phrase(message("of", inner=message("n", n=n)), catalogue) == f"({n})"
    remembered = {key[0] for key in catalogue._said}
    assert remembered == {"n"}
    assert phrase(message("of", inner=message("n", n=3)), catalogue) == "(3)"
