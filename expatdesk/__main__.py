"""``python -m expatdesk``: the same as the ``expatdesk`` console script."""

import sys

from expatdesk.cli.main import main

sys.exit(main())
