"""``python -m creative_city``: the same as the ``creative-city`` command."""

from creative_city.cli import main

__all__: list[str] = []

raise SystemExit(main())
