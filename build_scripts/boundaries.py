"""The boundary files of a project's geographies, read for maps.

``npf.toml`` may name a boundary file for each ``[[geography]]`` (``boundaries``): TopoJSON
with one object, ``places``, whose geometries carry the places' codes as ``id`` (what
``npf import`` writes, ``importers/boundaries.py``). The build reads the committed file,
checks it, and hands it to the map charts and to the site's own copy of it
(``assets/javascripts/boundaries/<breakdown-type>.js``, which ``charts.js`` loads when a
reader explores a map). A geography without one has no maps. See ``docs/maps.md``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.config import Project
from build_scripts.errors import NpfError, located

OBJECT = "places"
"""The TopoJSON object that holds the places (``importers.boundaries.OBJECT``)."""


@dataclass(frozen=True)
class BoundaryFile:
    """A geography's boundaries: the parsed TopoJSON, the codes it has shapes for, and
    the SHA-256 of its bytes (so a chart built from it changes when the file does)."""

    breakdown_type: str
    path: Path
    topology: dict[str, Any] = field(repr=False, compare=False)
    codes: frozenset[str]
    digest: str

    def __repr__(self) -> str:  # the digest stands for the shapes in spec cache keys
        return f"BoundaryFile({self.breakdown_type!r}, {self.digest})"

    def script(self) -> str:
        """The site's copy as a script: it files the topology under the breakdown type
        in ``window.npfBoundaries``, where ``charts.js`` looks (a ``<script>`` loads from
        file:// too, where a fetch of a JSON file is refused)."""
        text = json.dumps(self.topology, separators=(",", ":"), ensure_ascii=False)
        text = text.replace("<", "\\u003c")
        key = json.dumps(self.breakdown_type)
        return (
            "window.npfBoundaries = window.npfBoundaries || {};\n"
            f"window.npfBoundaries[{key}] = {text};\n"
        )


def _refused(path: Path, where: str | None, message: str) -> NpfError:
    return located(path, None, where, message, code="boundaries-file")


def read_boundaries(path: Path, breakdown_type: str) -> BoundaryFile:
    """The boundary file at ``path``; ``NpfError`` (``boundaries-file``) when it is not
    TopoJSON with an object ``places`` of geometries that each have an ``id``."""
    try:
        data = path.read_bytes()
        topology = json.loads(data)
    except OSError as error:
        raise _refused(path, None, f"cannot read it: {error}") from None
    except ValueError as error:
        raise _refused(path, None, f"not JSON: {error}") from None
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise _refused(path, "type", "not a TopoJSON topology")
    places = (
        topology.get("objects", {}).get(OBJECT)
        if isinstance(topology.get("objects"), dict)
        else None
    )
    if not isinstance(places, dict) or not isinstance(places.get("geometries"), list):
        raise _refused(path, f"objects.{OBJECT}", "no object of geometries by that name")
    codes = []
    for n, geometry in enumerate(places["geometries"]):
        code = geometry.get("id") if isinstance(geometry, dict) else None
        if not isinstance(code, str) or not code:
            where = f"objects.{OBJECT}.geometries[{n}].id"
            raise _refused(path, where, "every geometry needs its place's code as its id")
        codes.append(code)
    return BoundaryFile(
        breakdown_type, path, topology, frozenset(codes), hashlib.sha256(data).hexdigest()
    )


def project_boundaries(project: Project) -> dict[str, BoundaryFile]:
    """The boundary file of each geography of the project that names one, by type."""
    return {
        g.breakdown_type: read_boundaries(g.boundaries, g.breakdown_type)
        for g in project.geographies
        if g.boundaries is not None
    }
