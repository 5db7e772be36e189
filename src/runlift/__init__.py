"""runlift: fit strength training into a runner's week."""

__version__ = "0.1.0"
