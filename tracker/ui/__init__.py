"""The Textual app. Only the command line imports this package."""
