"""The reminder set-up names its channels in the reader's language, their codes beside them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.config.notify import NotifyConfig
from tracker.i18n import activate
from tracker.notify.overview import describe_setup


@pytest.mark.parametrize(
    ("language", "channels", "line"),
    [
        ("zh_CN", "渠道：桌面通知（desktop）（未设置其他渠道）", "  桌面通知（desktop）：本机通知"),
        (
            "es",
            "Canales: notificaciones de escritorio (desktop) (no hay ningún otro configurado)",
            "  notificaciones de escritorio (desktop): las notificaciones de esta computadora",
        ),
        ("en", "Channels: desktop (nothing else is set up)", "  desktop: this computer's notifications"),
    ],
)
def test_the_desktop_channel_is_named_in_the_reader_s_words(
    tmp_path: Path, language: str, channels: str, line: str
) -> None:
    activate(language)
    try:
        lines = describe_setup(NotifyConfig(), None, tmp_path, date(2026, 12, 7), {})
    finally:
        activate("en")
    assert lines[:2] == [channels, line]
