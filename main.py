"""Run Interplay from a source checkout: ``python main.py`` is the same as ``interplay``."""

import sys

from journal.app import main

if __name__ == "__main__":
    sys.exit(main())
