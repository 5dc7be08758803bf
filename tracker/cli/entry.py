"""``tracker`` at the command line: arguments read, the command run, failures told in one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import tracker.cli.terminal as terminal
from tracker.i18n import _

EXIT_ERROR = 2
# sysexits.h: the output or a file could not be written.
EXIT_IO = 74
EXIT_INTERNAL = 70


def main(argv: Sequence[str] | None = None) -> int:
    if not terminal.prepare_streams():
        terminal.warn(_("tracker: error: standard output is closed; nothing was done (redirect it instead)"))
        return EXIT_IO
    from tracker.cli.parser import build_parser, language_option

    arguments = list(sys.argv[1:] if argv is None else argv)
    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            terminal.warn(
                _("tracker: error: {argument} is not valid text in this terminal's encoding (UTF-8)").format(
                    argument=repr(argument.encode("utf-8", "backslashreplace"))
                )
            )
            return EXIT_ERROR
    choose_language(language_option(arguments))
    args = build_parser(arguments).parse_args(arguments)
    from tracker.domain.errors import TrackerError

    try:
        if args.command is None:
            return open_tui(args.db, args.lang)
        from tracker.cli.registry import run

        code = run(args)
    except TrackerError as exc:
        from tracker.wording.phrases import words  # the domain's facts in the reader's words

        terminal.warn(_("tracker: error: {problem}").format(problem=words(exc)))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the user gets one line, not a traceback
        if os.environ.get("TRACKER_DEBUG"):
            raise
        from tracker.cli.failures import describe

        line, code = describe(exc)
        terminal.warn(_("tracker: {line}").format(line=line))
        return code
    return _after_output(code, args)


def _after_output(code: int, args: argparse.Namespace) -> int:
    """The exit status once the command has done its work and printed what it could.

    A broken pipe (``tracker due | head``) is the reader's choice: quiet, and
    the command's own status. Any other failure to print gets one line; a
    command that changed data still exits as done, so nobody retries it and
    makes a duplicate.
    """
    terminal.finish()
    error = terminal.state.error
    if error is None:
        return code
    terminal.silence_stdout()
    if terminal.state.broken_pipe:
        return code
    from tracker.cli.registry import changes_data

    reason = error.strerror or str(error)
    if changes_data(args):
        terminal.warn(
            _("tracker: warning: the change was saved, but its report could not be printed: {reason}").format(
                reason=reason
            )
        )
        return code
    terminal.warn(_("tracker: error: cannot write to standard output: {reason}").format(reason=reason))
    return EXIT_IO


def choose_language(requested: str | None) -> None:
    """Speak the language asked for (``--lang``, ``TRACKER_LANG``, config.toml, the locale)."""
    from tracker import paths
    from tracker.config import language_setting
    from tracker.i18n.language import use_language

    use_language(requested, config_language=lambda: language_setting(paths.config_dir()))


def open_tui(db: str | None, language: str | None = None) -> int:
    """``tracker`` with no command: the TUI on the chosen database, in the chosen language."""
    from tracker.ui.app import build_app

    app = build_app(db, language=language)
    app.run()
    return app.return_code or 0
