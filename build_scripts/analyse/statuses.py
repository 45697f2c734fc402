"""Performance statuses: each indicator's own criteria for change, applied to its
headline series.

The methods, their parameters and the rules shared by all of them are documented for
maintainers in ``docs/statuses.md`` and for the public in ``site_src/methodology.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

DIRECTIONS = ("higher is better", "lower is better", "no preferred direction")


class Status(StrEnum):
    IMPROVING = "Improving"
    MAINTAINING = "Maintaining"
    WORSENING = "Worsening"
    TO_BE_CONFIRMED = "To be confirmed"
    IN_DEVELOPMENT = "In development"


@dataclass(frozen=True)
class Point:
    """One figure of the headline series. ``break_before`` marks a break in the series
    between this figure and the one before it."""

    period: str
    start: date
    end: date
    value: float | None
    lower: float | None = None
    upper: float | None = None
    break_before: bool = False


@dataclass(frozen=True)
class Assessment:
    status: Status
    method: str
    criterion: str  # plain words: the rule applied
    reason: str  # plain words, with the figures compared
    compared: tuple[Point, ...]


@dataclass(frozen=True)
class Parameter:
    """One parameter of a method. ``kind`` is ``number``, ``integer``, ``boolean``,
    ``text`` or ``choice``."""

    name: str
    kind: str
    description: str
    required: bool = True
    minimum: float | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class MethodSpec:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    function: Callable[..., Assessment] | None = None


THRESHOLD = Parameter("threshold", "number", "the smallest change that counts", minimum=0)
RELATIVE = Parameter(
    "relative",
    "boolean",
    "when true, the threshold is a share of the earlier figure (0.05 = 5%); default false",
    required=False,
)
MANUAL_STATUSES = ("improving", "maintaining", "worsening", "to be confirmed")

METHODS: dict[str, MethodSpec] = {
    "last-two": MethodSpec(
        "last-two",
        "The change between the last two figures against a threshold.",
        (THRESHOLD, RELATIVE),
    ),
    "consecutive": MethodSpec(
        "consecutive",
        "n changes in a row, each at least the threshold, in the same direction.",
        (Parameter("n", "integer", "how many changes in a row", minimum=1), THRESHOLD),
    ),
    "versus-average": MethodSpec(
        "versus-average",
        "The latest figure against the average of the k figures before it.",
        (Parameter("k", "integer", "how many earlier figures", minimum=1), THRESHOLD, RELATIVE),
    ),
    "latest-value": MethodSpec(
        "latest-value",
        "The latest figure is itself a change; at least the threshold either way counts.",
        (THRESHOLD,),
    ),
    "confidence-intervals": MethodSpec(
        "confidence-intervals",
        "The confidence intervals of the last two figures do or do not overlap.",
        (),
    ),
    "manual": MethodSpec(
        "manual",
        "A status decided by the producers of the statistics, with their reason.",
        (
            Parameter("status", "choice", "the status", choices=MANUAL_STATUSES),
            Parameter("reason", "text", "why, in plain words"),
        ),
    ),
}


def criteria_problems(criteria: Mapping[str, Any]) -> list[str]:
    """What is wrong with a criteria object, in plain words; ``[]`` when it is right."""
    if not isinstance(criteria, Mapping):
        return [f"criteria must be an object like {{'method': 'last-two', ...}}, not {criteria!r}"]
    method = criteria.get("method")
    known = ", ".join(METHODS)
    if method is None:
        return [f"criteria has no 'method'; use one of: {known}"]
    if not isinstance(method, str) or method not in METHODS:
        return [f"unknown method {method!r}; use one of: {known}"]
    spec = METHODS[method]
    problems: list[str] = []
    names = {p.name for p in spec.parameters}
    for key in criteria:
        if key != "method" and key not in names:
            allowed = ", ".join(sorted(names)) or "none"
            problems.append(
                f"method {method!r} has no parameter {key!r} (its parameters: {allowed})"
            )
    for param in spec.parameters:
        if param.name not in criteria:
            if param.required:
                problems.append(f"method {method!r} needs {param.name!r}: {param.description}")
            continue
        problem = _parameter_problem(param, criteria[param.name])
        if problem:
            problems.append(f"method {method!r}: {problem}")
    return problems


def _parameter_problem(param: Parameter, value: Any) -> str | None:
    name = param.name
    if param.kind == "boolean":
        return None if isinstance(value, bool) else f"{name!r} must be true or false, not {value!r}"
    if param.kind == "text":
        if not isinstance(value, str) or not value.strip():
            return f"{name!r} must be some text, not {value!r}"
        return None
    if param.kind == "choice":
        if value not in param.choices:
            allowed = ", ".join(repr(c) for c in param.choices)
            return f"{name!r} must be one of {allowed}, not {value!r}"
        return None
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if param.kind == "integer" and not (is_number and float(value).is_integer()):
        return f"{name!r} must be a whole number, not {value!r}"
    if not is_number or value != value or value in (float("inf"), float("-inf")):
        return f"{name!r} must be a number, not {value!r}"
    if param.minimum is not None and value < param.minimum:
        return f"{name!r} must be at least {param.minimum:g}, not {value!r}"
    return None
