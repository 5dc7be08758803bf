"""The commands, one module per topic; :mod:`tracker.cli.registry` lists the topics.

Each topic module declares ``COMMANDS``: a :class:`tracker.cli.command_spec.Command` per
command, with its name, help, arguments, handler and whether it writes. A topic module
loads little when imported (``tracker --help`` imports them all); its handlers import
what they need when they run.
"""
