"""Equality evidence datasets with identical figures, found once at load time.

The Equality Evidence Finder publishes many tables twice or more: once under a
characteristic's code (``age-12``) and again under a policy area's (``incPov-5``). Two
datasets are the same when their rows are equal, every column, in order. The site shows
each group once, on its main dataset's page, with every code that publishes it; the
other codes keep a short page that points to the main one, so their links still work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from build_scripts.model import EvidenceDataset


def content_key(dataset: EvidenceDataset) -> str:
    """A digest of the dataset's rows: equal for identical tables, whatever their code."""
    text = json.dumps(dataset.rows, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _main_first(dataset: EvidenceDataset) -> tuple[bool, str]:
    # The main dataset is one that names its policy area (the characteristic's copy
    # often does not), then the first by code.
    return (not dataset.policy_area.strip(), dataset.slug)


def mark_identical(datasets: Sequence[EvidenceDataset]) -> None:
    """Set ``published_as`` (every code of the group, main first) on each dataset of a
    group of two or more with identical rows, and ``same_as`` (the main code) on every
    one but the main. Datasets without rows are never grouped."""
    groups: dict[str, list[EvidenceDataset]] = {}
    for dataset in datasets:
        if dataset.rows:
            groups.setdefault(content_key(dataset), []).append(dataset)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=_main_first)
        codes = [d.slug for d in group]
        for dataset in group:
            dataset.published_as = list(codes)
            dataset.same_as = "" if dataset is group[0] else codes[0]
