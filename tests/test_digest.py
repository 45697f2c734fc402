"""The content hash and the installed versions behind the build's cache keys."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from build_scripts import digest


def test_files_digest_follows_names_and_bytes_not_places(tmp_path: Path) -> None:
    one, two = tmp_path / "one" / "data", tmp_path / "two" / "data"
    for root in (one, two):
        (root / "sub").mkdir(parents=True)
        (root / "sub" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    assert digest.files_digest(one) == digest.files_digest(two)
    (two / "sub" / "a.csv").write_text("x\n2\n", encoding="utf-8")
    assert digest.files_digest(one) != digest.files_digest(two)
    assert digest.files_digest(one, salt="a") != digest.files_digest(one, salt="b")


def test_installed_versions_leave_out_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m`` puts the working folder on ``sys.path``; a project's own
    ``.egg-info`` there must not change the keys (``npf build`` does not see it)."""
    site = tmp_path / "site-packages"
    (site / "altair-5.5.0.dist-info").mkdir(parents=True)
    work = tmp_path / "project"
    (work / "npf_site.egg-info").mkdir(parents=True)
    monkeypatch.chdir(work)
    digest.installed_versions.cache_clear()
    try:
        monkeypatch.setattr(sys, "path", [str(site)])
        alone = digest.installed_versions()
        digest.installed_versions.cache_clear()
        monkeypatch.setattr(sys, "path", ["", str(work), str(site)])
        assert digest.installed_versions() == alone == "altair-5.5.0.dist-info"
    finally:
        digest.installed_versions.cache_clear()
