"""Build scripts of the open-data site generator for outcomes frameworks (the NPF first:
its configuration is `npf.toml`).

The flow, one module (or sub-package) per stage:

    importers/  shared/source-data  -> datapackages/
    validate    datapackages/       -> Report of located problems
    load        datapackages/       -> model (dataclasses)
    analyse     model               -> statuses and findings
    charts, pages, site             -> site/
"""

__version__ = "0.1.0"
