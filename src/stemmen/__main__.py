"""``python -m stemmen`` runs the CLI."""

from stemmen.cli import main

main()
