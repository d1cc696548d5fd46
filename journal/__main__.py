"""Allow ``python -m journal``."""

from journal.app import main

raise SystemExit(main())
