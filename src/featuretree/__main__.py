"""Allow ``python -m featuretree``."""

from featuretree.cli.launch import main

raise SystemExit(main())
