"""Which language is spoken: --lang, TRACKER_LANG, config.toml, the locale, else English."""

from __future__ import annotations

import pytest

from tracker.i18n import _, current_language
from tracker.i18n.language import Choice, choose, normalize, use_language


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("en", "en"),
        ("en_US.UTF-8", "en"),
        ("C", "en"),
        ("POSIX", "en"),
        ("C.UTF-8", "en"),
        ("es", "es"),
        ("es_PE.UTF-8", "es"),
        ("es-419", "es"),
        ("ES_pe@euro", "es"),
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh_Hans_CN.UTF-8", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh_TW.UTF-8", None),  # Traditional Chinese has no catalog
        ("zh-Hant", None),
        ("fr_FR.UTF-8", None),
        ("", None),
        ("klingon", None),
    ],
)
def test_tags_and_locale_names_map_to_a_catalog(tag: str, language: str | None) -> None:
    assert normalize(tag) == language


def test_the_first_source_that_says_something_wins() -> None:
    env = {"TRACKER_LANG": "es", "LANG": "zh_CN.UTF-8"}
    assert choose("zh_CN", env, lambda: "es") == Choice("zh_CN", "--lang")
    assert choose(None, env, lambda: "en") == Choice("es", "TRACKER_LANG")
    assert choose(None, {"LANG": "zh_CN.UTF-8"}, lambda: "es") == Choice("es", "config")
    assert choose(None, {"LANG": "zh_CN.UTF-8"}, lambda: None) == Choice("zh_CN", "locale")
    assert choose(None, {}, lambda: None) == Choice("en", "default")


def test_the_config_is_read_only_when_needed() -> None:
    def config() -> str:
        raise AssertionError("read the config although --lang decided")

    assert choose("es", {}, config).language == "es"


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({"LANGUAGE": "fr:es:en", "LANG": "en_US.UTF-8"}, "es"),  # the first one we speak
        ({"LC_ALL": "es_PE.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US"}, "es"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "es_PE.UTF-8"}, "zh_CN"),
        ({"LANG": "es_PE.UTF-8"}, "es"),
        ({"LANGUAGE": "es", "LANG": "C.UTF-8"}, "en"),  # as GNU gettext: C ignores LANGUAGE
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ],
)
def test_the_locale_as_gettext_reads_it(env: dict[str, str], language: str) -> None:
    assert choose(None, env).language == language


def test_a_locale_we_do_not_speak_is_english_without_a_word(capsys: pytest.CaptureFixture[str]) -> None:
    assert use_language(None, environ={"LANG": "de_DE.UTF-8"}) == Choice("en", "default")
    assert capsys.readouterr().err == ""


def test_an_unknown_choice_falls_back_to_english_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    use_language("es")
    assert current_language() == "es"
    assert use_language("pt_BR") == Choice("en", "--lang", "pt_BR")
    assert current_language() == "en"
    assert use_language("pt_BR") == Choice("en", "--lang", "pt_BR")  # said once only
    err = capsys.readouterr().err
    assert err == ("tracker: warning: --lang: no language 'pt_BR'; using English (known: en, zh_CN, es)\n")


def test_an_unknown_choice_with_escapes_is_shown_literally(capsys: pytest.CaptureFixture[str]) -> None:
    use_language(None, environ={"TRACKER_LANG": "x\x1b[31m"})
    err = capsys.readouterr().err
    assert "\x1b" not in err and "x\\x1b[31m" in err and err.count("\n") == 1


def test_words_follow_the_language() -> None:
    use_language("zh_CN")
    assert _("Reopened") == "已重新打开"
    use_language("es")
    assert _("Reopened") == "Reabierto"
    use_language("en")
    assert _("Reopened") == "Reopened"
