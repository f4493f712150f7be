"""`python -m site_builder`: the `devex` command without its console script (tests, fresh checkouts)."""

from site_builder.cli import main

raise SystemExit(main())
