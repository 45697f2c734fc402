"""Vega-Lite specs kept on disk under the hash of what they are built from.

Building a spec (its DataFrame, the Altair objects, the plain JSON of them) is most of
the chart stage of a warm build: the SVGs come from their own cache, but every spec was
built again to find them (about 3 s of the NPF's 411 charts on the 2-core build
machine). The chart functions are pure: the same figures, units, titles and summary
give the same spec. So each spec is kept under the SHA-256 of those inputs (their
``repr``: frozen dataclasses, tuples, strings, exact floats), of the chart code and
Altair's version, and of the message catalogue in use (a spec's titles and tooltips are
its words); an unchanged chart costs one small file read and ``json.loads``, and
gives the same dict, so pages and SVGs are byte for byte the same (a test compares a
warm plan with a cold one). The folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from build_scripts import messages
from build_scripts.digest import files_digest

CHART_CODE = Path(__file__).resolve().parent
"""The code a spec depends on besides its inputs (``charts/``, read once per cache)."""

Spec = dict[str, Any]


class SpecCache:
    """Specs by the hash of their inputs, in ``folder`` (made when first written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.built = 0

    @cached_property
    def _version(self) -> str:
        return files_digest(CHART_CODE, salt=f"altair {metadata.version('altair')}")

    def path_for(self, kind: str, inputs: tuple[Any, ...]) -> Path:
        words = messages.current().fingerprint
        text = f"{self._version}\n{words}\n{kind}\n{inputs!r}"
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def spec(self, kind: str, inputs: tuple[Any, ...], build: Callable[[], Spec]) -> Spec:
        """The spec of ``kind`` made from ``inputs``: from the cache, or ``build()`` it
        and keep it. ``inputs`` must hold everything ``build`` reads."""
        path = self.path_for(kind, inputs)
        try:
            spec: Spec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        else:
            self.hits += 1
            return spec
        spec = build()
        self.built += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            # dumps, not dump: ``json.dump`` always takes the pure-Python encoder
            f.write(json.dumps(spec, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, path)
        return spec


def make_spec(
    specs: SpecCache | None, kind: str, inputs: tuple[Any, ...], build: Callable[[], Spec]
) -> Spec:
    """``build()``, through ``specs`` when there is one."""
    return build() if specs is None else specs.spec(kind, inputs, build)
