"""``python -m dashboard`` is the same as ``rakor``."""

import sys

from dashboard.cli import main

sys.exit(main())
