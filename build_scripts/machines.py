"""The files for machines, a stage of the build after the downloads: the DCAT-AP
catalogue (``catalog``) and the static JSON API (``api``), as ``{path in the site:
file}``. Each file is made once into the cache under the hash of its bytes, and linked
into the site as the downloads are (``mkdocs_hooks``)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from build_scripts.analyse.indicators import Analysis
from build_scripts.api import api_documents
from build_scripts.catalog import CATALOG, catalog_document, entries, json_bytes
from build_scripts.config import Project
from build_scripts.downloads import Download, cached_bytes
from build_scripts.messages import message, phrase
from build_scripts.model import Framework


def machine_documents(
    framework: Framework,
    analysis: Analysis,
    downloads: Sequence[Download],
    project: Project,
    evidence_titles: Mapping[str, str],
) -> dict[str, Any]:
    """Every document for machines, by its path under the site's root."""
    description = phrase(message("catalog.all_description", site=project.name))
    found = entries(framework, downloads, project, evidence_titles, description)
    documents: dict[str, Any] = {CATALOG: catalog_document(found, project)}
    documents.update(api_documents(framework, analysis, downloads, project))
    return documents


def machine_files(documents: Mapping[str, Any], cache: Path) -> dict[str, Path]:
    """Each document's bytes in ``cache`` (under their hash), by path in the site."""
    files = {}
    for path, document in sorted(documents.items()):
        data = json_bytes(document)
        key = hashlib.sha256(data).hexdigest()
        files[path] = cached_bytes(cache, key, ".json", data)
    return files
