"""The home page: the purpose, the outcomes, how Scotland is performing, latest updates."""

from __future__ import annotations

from build_scripts.analyse.statuses import Status
from build_scripts.pages import markdown as md
from build_scripts.pages.context import Context
from build_scripts.pages.outcomes import counts_text, status_counts

LATEST = 10


def outcome_cards(ctx: Context) -> str:
    items = []
    for o in ctx.framework.outcomes:
        counts = status_counts(ctx, o.indicators)
        n = len(o.indicators)
        items.append(
            '<li class="npf-card">'
            f"<h3>{md.link(o.name, f'outcomes/{o.slug}.md')}</h3>"
            f"<p>{md.text(o.statement)}</p>"
            f'<p class="npf-card__counts">{n} indicator{"s" if n != 1 else ""}: '
            f"{md.text(counts_text(counts))}</p>"
            "</li>"
        )
    return '<ul class="npf-cards">\n' + "\n".join(items) + "\n</ul>"


def performance_table(ctx: Context) -> str:
    headers = ["Outcome", *[s.value for s in md.STATUS_ORDER], "All"]
    rows = []
    for o in ctx.framework.outcomes:
        counts = status_counts(ctx, o.indicators)
        rows.append(
            [md.html_cell(md.link(o.name, f"outcomes/{o.slug}.md"))]
            + [md.cell(counts[s], numeric=True) for s in md.STATUS_ORDER]
            + [md.cell(len(o.indicators), numeric=True)]
        )
    every = sorted(ctx.framework.indicators)
    counts = status_counts(ctx, every)
    rows.append(
        [md.cell("All indicators")]
        + [md.cell(counts[s], numeric=True) for s in md.STATUS_ORDER]
        + [md.cell(len(every), numeric=True)]
    )
    caption = "Indicators by performance status, for each outcome"
    return md.table(caption, headers, rows)


def latest_updates(ctx: Context) -> str:
    updated = [i for i in ctx.framework.indicators.values() if i.last_updated]
    updated.sort(key=lambda i: (i.last_updated, i.slug), reverse=True)
    rows = [
        [
            md.html_cell(ctx.indicator_link(i.slug, prefix="")),
            md.cell(i.last_updated),
            md.html_cell(md.status_badge(ctx.status(i.slug))),
        ]
        for i in updated[:LATEST]
    ]
    return md.table("Most recently updated indicators", ["Indicator", "Updated", "Status"], rows)


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def home_page(ctx: Context) -> str:
    every = sorted(ctx.framework.indicators)
    counts = status_counts(ctx, every)
    overall = (
        f"Of the {len(every)} National Indicators, {counts[Status.IMPROVING]} "
        f"{_are(counts[Status.IMPROVING])} improving, "
        f"{counts[Status.MAINTAINING]} maintaining and {counts[Status.WORSENING]} worsening; "
        f"{counts[Status.TO_BE_CONFIRMED]} {_are(counts[Status.TO_BE_CONFIRMED])} to be "
        "confirmed and "
        f"{counts[Status.IN_DEVELOPMENT]} in development."
    )
    blocks = [
        md.heading(1, "Scotland's National Performance Framework"),
        md.text(ctx.framework.purpose) if ctx.framework.purpose else "",
        md.heading(2, "National Outcomes", "outcomes"),
        outcome_cards(ctx),
        md.heading(2, "How Scotland is performing", "performance"),
        md.text(overall),
        performance_table(ctx),
        md.link("How statuses are decided", "methodology.md"),
        md.heading(2, "Latest updates", "latest-updates"),
        latest_updates(ctx),
        md.link("Download the data", "data/index.md")
        + ": every figure as CSV and as data packages.",
    ]
    d = ctx.build_date
    if d:
        blocks.append(f'<p class="npf-build-date">Built on {d.day} {d:%B %Y}.</p>')
    return md.page("Home", blocks, "How Scotland is doing against its National Outcomes.")
