"""Allow ``python -m featuretree``."""

from featuretree.cli.main import main

raise SystemExit(main())
