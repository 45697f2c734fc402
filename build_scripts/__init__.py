"""Build scripts for the National Performance Framework open-data site.

The flow, one module (or sub-package) per stage:

    importers/  shared/source-data  -> datapackages/
    validate    datapackages/       -> Report of located problems
    load        datapackages/       -> model (dataclasses)
    analyse     model               -> statuses and findings
    charts, pages, site             -> site/
"""

__version__ = "0.1.0"
