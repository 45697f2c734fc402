"""From an Altair chart to the Vega-Lite spec the site embeds and renders.

The charts are Altair schema objects (``alt.TopLevelLayerSpec`` of ``alt.UnitSpec``
layers, ``alt.MarkDef``, ``alt.Encoding``) with explicit channel objects
(``alt.X(field=..., type=...)``, never ``"period:O"`` shorthands, which Altair has to
parse). The build plans hundreds of charts on every run, so three of Altair's costs are
left out (measured on the NPF's 411 charts, see ``docs/charts.md``):

- the checks Altair makes of each object as it is made (``debug_mode``): most of its
  time. The specs are validated against the Vega-Lite schema in the tests instead;
- ``alt.Chart``/``alt.layer``, which deep-copy every layer when they are combined, and
  move inline data to a top-level ``datasets`` entry (the site keeps each chart's rows
  in ``data.values``, where ``charts.js`` reads them for the keyboard readout);
- Altair's generic ``to_dict``: ``plain`` writes the same dict (a test compares the two
  on every kind of layer); planning the 411 charts takes 0.8 s with it, 2.6-3 s with
  Altair's.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Collection, Sequence
from typing import Any, ParamSpec

import altair as alt
import numpy as np
import pandas as pd
from altair.utils.schemapi import SchemaBase, Undefined, debug_mode

__all__ = ["SCHEMA", "any_interval", "frame", "inline", "plain", "vega_lite"]

P = ParamSpec("P")
SCHEMA = alt.SCHEMA_URL
_NOT_PROPERTIES = {"shorthand", "_cached_hash"}
_SCALARS = {str, float, int, bool, type(None)}


def frame(
    rows: Sequence[tuple[Any, ...]], columns: Sequence[str], numbers: Collection[str]
) -> pd.DataFrame:
    """A DataFrame from rows, the ``numbers`` columns as floats (missing: NaN), the rest
    as text. (Column by column: ``DataFrame.from_records`` and ``astype`` take several
    times longer for tables this small, and the build makes hundreds.)"""
    cells = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame(
        {
            name: np.array(column, dtype=float) if name in numbers else list(column)
            for name, column in zip(columns, cells, strict=True)
        },
        columns=list(columns),
        copy=False,
    )


def any_interval(table: pd.DataFrame) -> bool:
    """Whether any row has both ends of an interval (``lower`` and ``upper``)."""
    lower = table["lower"].to_numpy()
    upper = table["upper"].to_numpy()
    return bool(np.any(~np.isnan(lower) & ~np.isnan(upper)))


class Rows(list[dict[str, Any]]):
    """Rows of inline data, plain JSON values already: ``plain`` does not walk them."""


class Verbatim(dict[str, Any]):
    """A JSON object that is plain data already (a map's topology: about 46 KB of
    nested lists, which ``plain`` took most of a map's planning to walk): ``plain``
    keeps it as it is."""


def inline(table: pd.DataFrame) -> dict[str, Any]:
    """A DataFrame as inline data: rows in its column order, missing values ``null``."""
    names = list(table.columns)
    columns = [
        [None if isinstance(v, float) and math.isnan(v) else v for v in table[name].tolist()]
        for name in names
    ]
    return {
        "values": Rows(dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True))
    }


def plain(value: Any) -> Any:
    """An Altair schema object as plain JSON data: unset properties left out, channel
    objects as their properties (what ``to_dict(validate=False)`` gives for objects
    made without shorthands)."""
    if type(value) in _SCALARS:
        return value
    if type(value) is Rows:
        return list(value)
    if type(value) is Verbatim:
        return dict(value)
    if isinstance(value, SchemaBase):
        if value._args and not value._kwds:
            return plain(value._args[0])
        return {
            k: plain(v)
            for k, v in value._kwds.items()
            if v is not Undefined and k not in _NOT_PROPERTIES
        }
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not Undefined}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def vega_lite(build: Callable[P, alt.TopLevelLayerSpec]) -> Callable[P, dict[str, Any]]:
    """Make a function that builds an Altair spec return it as a Vega-Lite dict, with
    its ``$schema``. (The Altair object stays reachable as ``__wrapped__``, for tests.)"""

    @functools.wraps(build)
    def spec(*args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
        with debug_mode(False):
            chart = build(*args, **kwargs)
        result: dict[str, Any] = {"$schema": SCHEMA, **plain(chart)}
        return result

    return spec
