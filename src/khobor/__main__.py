"""``python -m khobor`` is the ``khobor`` command."""

from .cli import main

main()
