"""Settings every test shares."""

import os

from build_scripts.pages.keys import CHECK

# Every build in the tests (and every ``npf`` they start) renders the pages it takes
# from the page cache again and stops if one differs (build_scripts/pages/keys.py): a
# page's key that forgets an input fails a test rather than publishing a stale page.
os.environ.setdefault(CHECK, "1")
