"""The command line. ``tracker`` with no command opens the TUI."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

EXIT_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    from tracker.cli.parser import build_parser, language_option

    arguments = list(sys.argv[1:] if argv is None else argv)
    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            sys.stderr.write(
                f"tracker: error: {argument.encode('utf-8', 'backslashreplace')!r} "
                "is not valid text in this terminal's encoding (UTF-8)\n"
            )
            return EXIT_ERROR
    choose_language(language_option(arguments))
    args = build_parser().parse_args(arguments)
    from tracker.domain.errors import TrackerError

    try:
        if args.command is None:
            return open_tui(args.db, args.lang)
        from tracker.cli.commands import run

        return run(args)
    except TrackerError as exc:
        from tracker.display import literal

        sys.stderr.write(f"tracker: error: {literal(str(exc))}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly.
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets one line, not a traceback
        if os.environ.get("TRACKER_DEBUG"):
            raise
        sys.stderr.write(
            f"tracker: internal error: {type(exc).__name__}: {exc} (set TRACKER_DEBUG=1 to see the details)\n"
        )
        return 70


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
