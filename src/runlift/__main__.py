"""`python -m runlift`."""

from runlift.cli import main

main()
