"""`python -m coopdesk ...`: the same as the `coopdesk` command."""

import sys

from coopdesk.cli.main import main

sys.exit(main())
