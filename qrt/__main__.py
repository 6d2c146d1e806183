"""``python -m qrt``: the same as the ``qrt`` command."""

from qrt.cli import main

raise SystemExit(main())
