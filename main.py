#!/usr/bin/env python3
"""Start ExpatDesk from a checkout: ``python main.py [--database URL]``."""

import sys

from expatdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
