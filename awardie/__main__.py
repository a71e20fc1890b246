"""`python -m awardie ...` runs the `awardie` command line (see awardie/cli.py)."""
from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
