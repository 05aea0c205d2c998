"""``python -m newsfuse``: the command line."""

import sys

from newsfuse.cli import main

sys.exit(main())
