"""``python -m unvotes`` runs the command line."""

from unvotes.cli import main

main()
