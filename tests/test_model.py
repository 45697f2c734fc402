"""The model's view of a revised framework (``model.Framework``): what is current, what
is retired, what replaced it, where an old slug leads."""

from __future__ import annotations

from build_scripts.model import Framework, Indicator, Outcome, Replacement, Revision


def _indicator(slug: str, retired_in: str = "") -> Indicator:
    return Indicator(
        slug=slug,
        title=slug.title(),
        description="",
        outcomes=["o"],
        measures=[],
        criteria={},
        availability="in development",
        confirmed=True,
        source="",
        last_updated="",
        next_update="",
        retired_in=retired_in,
    )


def _framework(revisions: list[Revision], indicators: list[Indicator]) -> Framework:
    return Framework(
        purpose="",
        outcomes=[Outcome("o", "O", "", "", 1), Outcome("p", "P", "", "", 2, retired_in="3")],
        indicators={i.slug: i for i in indicators},
        units={},
        breakdown_types={},
        group_labels={},
        group_order={},
        characteristics={},
        places={},
        version="3",
        revisions=revisions,
    )


def test_renames_of_renames_lead_to_the_slug_of_now() -> None:
    framework = _framework(
        [
            Revision("1", "2", "indicator", "rename", "a", "b"),
            Revision("2", "3", "indicator", "rename", "b", "c"),
            Revision("2", "3", "outcome", "rename", "x", "o"),
        ],
        [_indicator("c")],
    )
    assert framework.renamed("indicator") == {"a": "c", "b": "c"}
    assert framework.renamed("outcome") == {"x": "o"}


def test_what_replaced_a_retired_one_comes_from_the_revision_that_retired_it() -> None:
    framework = _framework(
        [
            Revision("1", "2", "indicator", "split", "s", "t", "earlier"),
            Revision("2", "3", "indicator", "split", "s", "u", "why"),
            Revision("2", "3", "indicator", "split", "s", "v"),
            Revision("2", "3", "indicator", "retire", "r"),
            Revision("2", "3", "outcome", "merge", "p", "o"),
        ],
        [_indicator("s", "3"), _indicator("r", "3"), _indicator("u"), _indicator("v")],
    )
    assert framework.replacement("indicator", "s") == Replacement("split", "3", ("u", "v"), "why")
    assert framework.replacement("indicator", "r") == Replacement("retire", "3", ())
    assert framework.replacement("indicator", "u") is None
    assert framework.replacement("outcome", "p") == Replacement("merge", "3", ("o",))
    assert [o.slug for o in framework.current_outcomes] == ["o"]
    assert [o.slug for o in framework.retired_outcomes] == ["p"]
    assert list(framework.current_indicators) == ["u", "v"]
    assert [i.slug for i in framework.retired_indicators] == ["r", "s"]
