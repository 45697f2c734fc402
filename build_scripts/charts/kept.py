"""The charts of an indicator kept from one build to the next, under a key of what
planning them reads (``docs/build.md``).

Planning an indicator's charts (its slices, series, bars, summaries, and each spec from
``charts.specs``) was most of the chart stage of a build after one indicator changed:
about 1.1 s for the NPF's 81 indicators, though all but one were as before. An
indicator's charts read only:

- its own package (figures, measures, sources, description);
- the framework package (the catalogue, units, breakdown names, groups' labels and
  order, places);
- the project's settings (the place the headline is for, the geographies) and files
  (boundaries, configuration), and the generator's code and message catalogues
  (``stamp.shared_inputs``), the messages in use and the installed packages' versions
  (Altair).

So the charts are kept (pickled, in ``.cache/plans``) under the SHA-256 of those, and an
indicator whose key is known is read back rather than planned again; the equality
evidence charts likewise, under the evidence packages instead of an indicator's. A key that forgets
an input would be a stale chart that nothing reports, so the cache has a check mode
like the page cache's (``NPF_CHECK_CHARTS=1``, set by the tests for every build): every
indicator is planned, and a build stops when the kept charts differ from the charts
planned again. The folder is safe to delete; a spoilt file is planned again.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from build_scripts import messages
from build_scripts.charts.model import Chart
from build_scripts.config import Project
from build_scripts.digest import files_digest, installed_versions
from build_scripts.errors import NpfError
from build_scripts.stamp import shared_inputs

KEY_FORMAT = 1
CHECK = "NPF_CHECK_CHARTS"
"""The environment variable that turns on the check mode (any value but "" or "0")."""

# What unpickling a spoilt or foreign file may raise: such a file is planned again.
_SPOILT: tuple[type[Exception], ...] = (OSError, EOFError, pickle.UnpicklingError)
_SPOILT += (AttributeError, ImportError, IndexError, KeyError, TypeError, ValueError)


def checking() -> bool:
    return os.environ.get(CHECK, "") not in ("", "0")


def plan_base(project: Project) -> str:
    """The hash of what every indicator's charts read besides the data."""
    salt = "\0".join(
        (
            f"chart plans {KEY_FORMAT}",
            # the project as given (a caller may change it in memory), but where its
            # folders are (the files in them are digested below)
            repr([getattr(project, f.name) for f in fields(project) if f.name != "paths"]),
            messages.current().fingerprint,
            installed_versions(),
        )
    )
    return files_digest(*shared_inputs(project), salt=salt)


def same_charts(kept: list[Chart], planned: list[Chart]) -> bool:
    """Whether two lists of charts are the same, field by field (their ``repr``: exact
    floats, the specs' keys in order, lists apart from tuples)."""

    def text(charts: list[Chart]) -> list[str]:
        return [repr([getattr(c, f.name) for f in fields(Chart)]) for c in charts]

    return text(kept) == text(planned)


@dataclass
class PlanCache:
    """Indicators' charts in ``folder`` by key, from the data in ``data_dir`` and the
    ``base`` key (``plan_base``)."""

    folder: Path
    data_dir: Path
    base: str
    check: bool = field(default_factory=checking)
    hits: int = 0
    _framework: str | None = None

    def key(self, name: str, package: str) -> str:
        """The key of the charts ``name`` made from the packages in ``package`` (a
        folder of ``data_dir``) and the framework package."""
        if self._framework is None:
            self._framework = files_digest(self.data_dir / "framework")
        own = files_digest(self.data_dir / package)
        text = "\0".join((self.base, name, package, self._framework, own))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def _get(self, key: str) -> list[Chart] | None:
        try:
            data = self._path(key).read_bytes()
            # The charts are many small objects and no cycles: without the collector's
            # passes over them (most of the time it takes), read back three times as fast.
            gc.disable()
            try:
                kept = pickle.loads(data)
            finally:
                gc.enable()
        except _SPOILT:
            return None
        if not isinstance(kept, list) or not all(isinstance(c, Chart) for c in kept):
            return None
        return kept

    def _put(self, key: str, charts: list[Chart]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(charts, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)

    def charts(self, name: str, package: str, plan: Callable[[], list[Chart]]) -> list[Chart]:
        """The charts ``name`` (an indicator's slug) made from ``package`` (a folder of
        ``data_dir``: the indicator's, ``equality-evidence``) and the framework package:
        kept ones, or ``plan()`` them and keep them. In check mode they are planned
        anyway, and must be the kept ones."""
        key = self.key(name, package)
        kept = self._get(key)
        if kept is not None and not self.check:
            self.hits += 1
            return kept
        planned = plan()
        if kept is None:
            self._put(key, planned)
        elif not same_charts(kept, planned):
            raise NpfError(
                f"the charts {name} kept from the chart cache differ from "
                "the charts planned again: its key (build_scripts/charts/kept.py) misses "
                "something the charts read. Delete .cache/plans and report it"
            )
        else:
            self.hits += 1
        return planned
