"""The data catalogue (every download of the site, by indicator and dataset): its
template context, and the plan of the downloads that the pages link to."""

from __future__ import annotations

from typing import Any

from build_scripts import urls
from build_scripts.downloads import Download, area_tables
from build_scripts.messages import message, phrase
from build_scripts.model import Framework, indicator_order
from build_scripts.notes import METADATA_SUFFIX
from build_scripts.pages.content import Aside, Cell, Link, cell
from build_scripts.pages.context import Context
from build_scripts.pages.equality import evidence_titles


def plan_downloads(framework: Framework) -> list[Download]:
    """The files ``downloads.collect_downloads`` makes for ``data/``, as the pages link
    them: each indicator's zip, CSV (and its CSVW metadata) and Excel workbook, each
    evidence dataset's zip, the framework, all of them (``collect_downloads``), and each
    place's CSV with its CSVW metadata (``area_downloads``)."""
    found = [Download(urls.ALL_ZIP)]
    found.append(Download(urls.FRAMEWORK_ZIP))
    for slug in sorted(framework.indicators):
        if framework.indicators[slug].figures:
            found.append(Download(urls.indicator_download(slug, "zip")))
            found.append(Download(urls.indicator_download(slug, "csv")))
            found.append(Download(urls.indicator_download(slug, "csv") + METADATA_SUFFIX))
            found.append(Download(urls.indicator_download(slug, "xlsx")))
    for dataset in sorted(framework.evidence, key=lambda d: d.slug):
        found.append(Download(urls.evidence_download(dataset.slug)))
    for kind, code in area_tables(framework):
        place = framework.places[kind][code]
        found.append(Download(urls.area_download(place.slug)))
        found.append(Download(urls.area_download(place.slug) + METADATA_SUFFIX))
    return found


def data_page(ctx: Context) -> dict[str, Any]:
    names = {d.name for d in ctx.downloads}
    framework = ctx.framework

    def download(name: str, label: str) -> Link | None:
        return Link(label, urls.download(name)) if name in names else None

    indicators: list[list[Cell]] = []
    for slug in sorted(
        framework.indicators, key=lambda s: indicator_order(framework.indicators[s])
    ):
        indicator = framework.indicators[slug]
        csv, xlsx, zip_ = (urls.indicator_download(slug, e) for e in ("csv", "xlsx", "zip"))
        if csv not in names and zip_ not in names:
            continue
        indicators.append(
            [
                cell(
                    ctx.indicator_link(slug),
                    Aside(phrase(message("page.revision.retired_aside", version=retired)))
                    if (retired := indicator.retired_in)
                    else None,
                ),
                cell(download(csv, phrase(message("page.data.csv")))),
                cell(download(xlsx, phrase(message("page.data.excel")))),
                cell(download(zip_, phrase(message("page.data.zip")))),
                cell(indicator.last_updated),
            ]
        )
    evidence: list[list[Cell]] = []
    titles = evidence_titles(ctx)  # published titles repeat; these tell datasets apart
    for dataset in sorted(framework.evidence, key=lambda d: (titles[d.slug].casefold(), d.slug)):
        name = urls.evidence_download(dataset.slug)
        if name in names:
            evidence.append(
                [
                    cell(Link(titles[dataset.slug], urls.evidence(dataset.slug))),
                    cell(dataset.policy_area),
                    cell(download(name, phrase(message("page.data.zip")))),
                ]
            )
    return {
        "all": download(urls.ALL_ZIP, phrase(message("page.data.all"))),
        "framework": download(urls.FRAMEWORK_ZIP, _framework_label(ctx)),
        # The releases page, once there is a release (``pages.releases``).
        "releases": urls.RELEASES if ctx.releases else None,
        "indicators": indicators,
        "evidence": evidence,
        # The catalogue and the API's page (hand-written: linked when the project has it).
        "machines": {
            "catalog": urls.CATALOG,
            "api": (urls.API_DOCS if (ctx.project.paths.pages / urls.API_DOCS).is_file() else None),
        },
    }


def _framework_label(ctx: Context) -> str:
    """The framework package's link: what it holds, its levels in the project's words
    where it has targets."""
    nouns = ctx.project.nouns
    return phrase(
        message(
            "page.data.framework",
            targets=nouns.targets if ctx.framework.targets else "",
            outcomes=nouns.outcomes,
            indicators=nouns.indicators,
        )
    )
