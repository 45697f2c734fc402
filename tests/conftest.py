"""Settings every test shares."""

import os

from build_scripts.charts.kept import CHECK as CHECK_CHARTS
from build_scripts.pages.keys import CHECK

# Every build in the tests (and every ``npf`` they start) renders the pages it takes
# from the page cache again and stops if one differs (build_scripts/pages/keys.py): a
# page's key that forgets an input fails a test rather than publishing a stale page.
os.environ.setdefault(CHECK, "1")
# Likewise the charts of each indicator kept from the chart cache are planned again and
# compared (build_scripts/charts/kept.py).
os.environ.setdefault(CHECK_CHARTS, "1")
