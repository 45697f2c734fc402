"""Moved to ``build_scripts.formatting``, the site's one number-and-unit formatter.

This module only re-exports its names so that code written against the old path keeps
working while it is updated; import from ``build_scripts.formatting`` instead.
"""

from build_scripts.formatting import (
    MAX_PLACES,
    Units,
    join_words,
    lower_first,
    number,
    places,
    published_date,
    share,
    usual_places,
)

__all__ = [
    "MAX_PLACES",
    "Units",
    "join_words",
    "lower_first",
    "number",
    "places",
    "published_date",
    "share",
    "usual_places",
]
