"""Analyse: performance statuses (``statuses``) and plain-language key findings
(``findings``) computed from an indicator's figures."""
