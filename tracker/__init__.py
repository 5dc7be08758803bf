"""tracker: a personal cancellation tracker for the terminal."""

__version__ = "0.1.0"
