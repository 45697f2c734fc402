"""What makes a built site "up to date" (build_scripts/stamp.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from build_scripts.config import default_project
from build_scripts.stamp import fingerprint

from .pages.conftest import FIXTURE


def test_a_site_built_for_another_address_is_not_up_to_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NPF_SITE_URL changes every page without changing a file: the fingerprint holds it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = default_project()
    here = replace(project, publishing=replace(project.publishing, site_url="https://a.example/"))
    there = replace(project, publishing=replace(project.publishing, site_url="https://b.example/"))
    assert fingerprint(FIXTURE, here) == fingerprint(FIXTURE, here)
    assert fingerprint(FIXTURE, here) != fingerprint(FIXTURE, there)
    assert fingerprint(FIXTURE, project) != fingerprint(FIXTURE, here)


@pytest.mark.parametrize("setting", ["site_publisher", "contact"])
def test_a_site_built_for_another_publisher_or_contact_is_not_up_to_date(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    """NPF_SITE_PUBLISHER and NPF_SITE_CONTACT change every page's footer without
    changing a file: the fingerprint holds them."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = default_project()
    one = replace(project, publishing=replace(project.publishing, **{setting: "one"}))
    other = replace(project, publishing=replace(project.publishing, **{setting: "other"}))
    assert fingerprint(FIXTURE, one) != fingerprint(FIXTURE, other)
