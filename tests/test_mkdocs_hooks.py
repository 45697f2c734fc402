"""The MkDocs hooks: the theme's templates compiled once and kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import jinja2
import pytest

from build_scripts import mkdocs_hooks


def _env(folder: Path, source: str) -> jinja2.Environment:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.html").write_text(source, encoding="utf-8")
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False)


def test_theme_templates_are_compiled_once_and_never_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = tmp_path / "manifest.json"
    cache = tmp_path / "cache" / "mkdocs-templates"
    manifest.write_text(json.dumps({"templates": str(cache)}), encoding="utf-8")
    monkeypatch.setenv(mkdocs_hooks.MANIFEST, str(manifest))
    config = cast(Any, type("Config", (), {"site_dir": str(tmp_path / "site")}))
    files = cast(Any, None)

    first = mkdocs_hooks.on_env(_env(tmp_path / "a", "Hello {{ name }}"), config, files)
    assert first.get_template("main.html").render(name="Leith") == "Hello Leith"
    compiled = list(cache.rglob("__jinja2_*.cache"))
    assert len(compiled) == 1

    # Another build: the same template is loaded from the cache (not compiled again),
    # and an edited template of the same name is compiled afresh, not served stale.
    again = mkdocs_hooks.on_env(_env(tmp_path / "a", "Hello {{ name }}"), config, files)
    loaded = again.bytecode_cache
    assert isinstance(loaded, jinja2.FileSystemBytecodeCache)
    where = str(tmp_path / "a" / "main.html")
    assert loaded.get_bucket(again, "main.html", where, "Hello {{ name }}").code is not None
    edited = mkdocs_hooks.on_env(_env(tmp_path / "a", "Goodbye {{ name }}"), config, files)
    assert edited.get_template("main.html").render(name="Leith") == "Goodbye Leith"


def test_without_a_manifest_the_theme_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(mkdocs_hooks.MANIFEST, raising=False)
    env = jinja2.Environment()
    config = cast(Any, type("Config", (), {"site_dir": "unused"}))
    assert mkdocs_hooks.on_env(env, config, cast(Any, None)).bytecode_cache is None
