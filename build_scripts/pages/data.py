"""The data catalogue: every download of the site, by indicator and dataset."""

from __future__ import annotations

from collections.abc import Sequence

from build_scripts.downloads import Download
from build_scripts.model import Framework
from build_scripts.pages import markdown as md
from build_scripts.pages.context import Context
from build_scripts.pages.equality import evidence_titles


def plan_downloads(framework: Framework) -> list[Download]:
    """The files ``downloads.collect_downloads`` makes for ``data/``, as the pages link
    them: each indicator's zip, CSV and Excel workbook, each evidence dataset's zip, the
    framework, and all of them."""
    found = [Download("all.zip", "every data package", "all data packages (zip)")]
    found.append(Download("framework.zip", "framework", "data package (zip)"))
    for slug in sorted(framework.indicators):
        if framework.indicators[slug].figures:
            found.append(Download(f"{slug}.zip", slug, "data package (zip)"))
            found.append(Download(f"{slug}.csv", slug, "CSV"))
            found.append(Download(f"{slug}.xlsx", slug, "Excel"))
    for dataset in sorted(framework.evidence, key=lambda d: d.slug):
        found.append(Download(f"evidence/{dataset.slug}.zip", dataset.slug, "data package (zip)"))
    return found


def data_page(ctx: Context, downloads: Sequence[Download]) -> str:
    names = {d.name for d in downloads}
    framework = ctx.framework
    blocks = [
        md.heading(1, "Data"),
        "Every figure on this site can be downloaded. Each indicator and each equality "
        "evidence dataset is a [Frictionless data package](https://datapackage.org/): a CSV "
        "file with one row per figure, and a `datapackage.json` that describes its columns, "
        "units, sources and licence. The data is published under the Open Government "
        "Licence v3.0.",
    ]
    everything = [
        f"- {md.link(title, name)}"
        for name, title in (
            ("all.zip", "Every data package (zip)"),
            ("framework.zip", "The framework: outcomes, indicators, controlled lists (zip)"),
        )
        if name in names
    ]
    if everything:
        blocks += [md.heading(2, "Everything", "everything"), "\n".join(everything)]
    rows = []
    for slug in sorted(
        framework.indicators, key=lambda s: (framework.indicators[s].title.casefold(), s)
    ):
        indicator = framework.indicators[slug]
        csv_name, zip_name, xlsx_name = f"{slug}.csv", f"{slug}.zip", f"{slug}.xlsx"
        if csv_name not in names and zip_name not in names:
            continue
        rows.append(
            [
                md.html_cell(md.link(indicator.title, f"../indicators/{slug}.md")),
                md.html_cell(md.link("CSV", csv_name) if csv_name in names else ""),
                md.html_cell(md.link("Excel", xlsx_name) if xlsx_name in names else ""),
                md.html_cell(md.link("Data package (zip)", zip_name) if zip_name in names else ""),
                md.cell(indicator.last_updated),
            ]
        )
    blocks += [
        md.heading(2, "National Indicators", "indicators"),
        md.table(
            "Downloads for each National Indicator",
            ["Indicator", "CSV", "Excel", "Data package", "Last updated"],
            rows,
        ),
    ]
    evidence = []
    titles = evidence_titles(ctx)  # published titles repeat; these tell datasets apart
    for dataset in sorted(framework.evidence, key=lambda d: (titles[d.slug].casefold(), d.slug)):
        name = f"evidence/{dataset.slug}.zip"
        if name in names:
            evidence.append(
                [
                    md.html_cell(md.link(titles[dataset.slug], f"../evidence/{dataset.slug}.md")),
                    md.cell(dataset.policy_area),
                    md.html_cell(md.link("Data package (zip)", name)),
                ]
            )
    if evidence:
        blocks += [
            md.heading(2, "Equality evidence", "evidence"),
            md.table(
                "Downloads for each equality evidence dataset",
                ["Dataset", "Policy area", "Data package"],
                evidence,
            ),
        ]
    return md.page("Data", blocks, "Download every figure as CSV and as data packages.")
