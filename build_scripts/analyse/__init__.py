"""Analyse: performance statuses (``statuses``) and plain-language key findings
(``findings``) computed from an indicator's figures; ``indicators`` applies them to the
model."""

from build_scripts.analyse.findings import (
    ChangeSummary,
    GroupFigure,
    change_summary,
    findings,
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
    "MethodSpec",
    "Point",
    "Status",
    "assess",
    "change_summary",
    "criteria_problems",
    "findings",
    "key_findings",
]
