"""Analyse: performance statuses (``statuses``) and plain-language key findings
(``findings``) computed from an indicator's figures; ``frame`` finds the series they read
in one DataFrame of the framework's figures, and ``indicators`` (``analyse_framework``,
the build's analyse stage) applies them to the model."""

from build_scripts.analyse.findings import (
    ChangeSummary,
    GroupFigure,
    GroupLatest,
    change_summary,
    findings,
    group_latest,
    key_findings,
)
from build_scripts.analyse.statuses import (
    METHODS,
    Assessment,
    MethodSpec,
    Point,
    Status,
    assess,
    criteria_problems,
)

__all__ = [
    "METHODS",
    "Assessment",
    "ChangeSummary",
    "GroupFigure",
    "GroupLatest",
    "MethodSpec",
    "Point",
    "Status",
    "assess",
    "change_summary",
    "criteria_problems",
    "findings",
    "group_latest",
    "key_findings",
]
