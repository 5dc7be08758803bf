"""`letter ID KIND --explain`: the Spanish letter as a reading aid, each paragraph followed by
its meaning in the reader's language (issue 21, section 6). The plain letter stays Spanish."""

from __future__ import annotations

import re

import pytest

from tests.helpers.env import TrackerEnv
from tests.helpers.exchange import Run
from tracker.i18n import activate, current_language
from tracker.wording.letter_meanings import _ACTIONS, MEANINGS

FULL_ME = """\
[me]
name = "Ana Quispe Mamani"
document_type = "DNI"
document = "45678912"
address = "Av. Arequipa 123, Lima"
city = "Lima"
email = "ana@example.com"
phone = "987000111"
gender = "f"
"""

MEANING = re.compile(r"^\s*(> |» )")
CJK = re.compile(r"[\u4e00-\u9fff]")


def story(run: Run, env: TrackerEnv) -> list[tuple[str, str, str]]:
    """Cases in every state a letter tells: (today, case, kind) for each letter they allow."""
    (env.config_dir / "config.toml").write_text(FULL_ME, encoding="utf-8")
    env.set_today("2026-06-01")
    steps = [
        ("add", "Movistar Perú", "-s", "eSIM 987 654 321", "-t", "CP-553190", "-c", "store", "-p", "esim-pe"),
        ("add", "Claro", "-s", "línea 912 345 678", "-c", "phone", "-p", "esim-pe"),
        (
            "add",
            "Entel",
            "-s",
            "eSIM 955",
            "--action",
            "suspend",
            "-p",
            "esim-pe",
            "--effective",
            "2026-06-05",
            "--until",
            "2026-07-05",
        ),
    ]
    for step in steps:
        assert run(*step).code == 0
    env.set_today("2026-06-10")
    assert run("escalate", "1", "reclamo", "--code", "R-77").code == 0
    assert run("escalate", "2", "reclamo").code == 0
    env.set_today("2026-07-02")
    charged = run("charge", "1", "39.90", "--on", "2026-07-01", "--period", "2026-06-15..2026-07-14")
    assert charged.code == 0, charged.err
    env.set_today("2026-07-10")
    assert run("answer", "1", "--on", "2026-07-10", "--outcome", "infundado", "--reason", "deuda").code == 0
    return [
        ("2026-07-20", "1", "baja"),
        ("2026-07-20", "1", "reclamo"),
        ("2026-07-20", "1", "apelacion"),
        ("2026-07-20", "2", "reclamo"),
        ("2026-07-20", "2", "queja"),
        ("2026-07-20", "3", "baja"),
    ]


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_the_explained_copy_is_the_plain_letter_with_a_meaning_after_each_paragraph(
    run: Run, env: TrackerEnv, fmt: str
) -> None:
    for today, case, kind in story(run, env):
        env.set_today(today)
        plain = run("letter", case, kind, "-f", fmt, "--lang", "zh_CN")
        explained = run("letter", case, kind, "-f", fmt, "--lang", "zh_CN", "--explain")
        assert plain.code == 0 and explained.code == 0, explained.err
        assert "AYUDA DE LECTURA" not in plain.text and "释义" not in plain.text
        lines = explained.text.splitlines()
        # Marked as a reading aid at the top and at the bottom, in Chinese and in Spanish.
        top, bottom = "\n".join(lines[:4]), "\n".join(lines[-4:])
        assert "阅读辅助，不得提交" in top and "AYUDA DE LECTURA, NO PRESENTAR" in top
        assert "本副本不得提交" in bottom and "FIN DE LA AYUDA DE LECTURA" in bottom
        meanings = [line for line in lines if MEANING.match(line) and "释义：" in line]
        assert meanings and all(CJK.search(line.split("释义：", 1)[1]) for line in meanings)
        # Take the frame and the meanings away: the plain letter is there, line for line.
        frame = re.compile(r"阅读辅助|AYUDA DE LECTURA|本副本不得提交")
        kept = [
            line for line in lines if line.strip(" >") and not MEANING.match(line) and not frame.search(line)
        ]
        assert kept == [line for line in plain.text.splitlines() if line.strip()]


def test_the_meanings_are_filled_with_the_letters_facts_in_the_readers_words(
    run: Run, env: TrackerEnv
) -> None:
    story(run, env)
    env.set_today("2026-07-20")
    zh = run("letter", "1", "apelacion", "-f", "txt", "--lang", "zh_CN", "--explain").text
    assert "2026年6月1日，您申请注销（baja）服务eSIM 987 654 321（方式：营业厅）" in zh
    assert "工单号（código de pedido）是CP-553190" in zh
    assert "按规定，运营商须在5个工作日内办理注销（baja），即最迟2026年6月8日。" in zh
    en = run("letter", "1", "apelacion", "-f", "txt", "--lang", "en", "--explain").text
    assert (
        "» Meaning: On 1 June 2026 you asked for the baja (cancellation) of the service eSIM 987 654 321"
        in en
    )
    assert "READING AID, NOT FOR FILING" in en
    es = run("letter", "1", "apelacion", "-f", "txt", "--lang", "es", "--explain").text
    assert "» Significado: El 1 de junio de 2026 usted pidió la baja del servicio eSIM 987 654 321" in es


def test_the_explained_copy_masks_what_the_letter_masks(run: Run, env: TrackerEnv) -> None:
    story(run, env)
    env.set_today("2026-07-20")
    redacted = run("letter", "1", "reclamo", "--redact", "--explain", "--lang", "zh_CN").text
    assert "654" not in redacted and "987000111" not in redacted and "45678912" not in redacted
    assert "服务eSIM ••• ••4 321（方式：营业厅）" in redacted and "联系您的电话：•••••0111。" in redacted


def test_every_paragraph_key_has_an_explanation_translated_in_chinese_and_spanish() -> None:
    before = current_language()
    try:
        for language in ("zh_CN", "es"):
            activate(language)
            from tracker.i18n import _

            for key, message in [*MEANINGS.items(), *((str(a), m) for a, m in _ACTIONS.items())]:
                words = re.sub(r"\{\w+\}", "", message)
                assert _(message) != message or not re.search(r"[a-z]", words), (language, key)
                fields = set(re.findall(r"\{(\w+)\}", message))
                assert set(re.findall(r"\{(\w+)\}", _(message))) == fields, (language, key)
    finally:
        activate(before)


def test_every_paragraph_of_every_kind_has_a_key_with_an_explanation(run: Run, env: TrackerEnv) -> None:
    """A paragraph without an explained key cannot be written (the letter refuses to build),
    so every letter the story allows, of every kind, explains each of its blocks."""
    kinds = set()
    for today, case, kind in story(run, env):
        env.set_today(today)
        explained = run("letter", case, kind, "-f", "txt", "--explain")
        plain = run("letter", case, kind, "-f", "txt")
        kinds.add(kind)
        # One meaning per block: every block of the plain letter is followed by one.
        blocks = [b for b in plain.text.split("\n\n") if b.strip() and not set(b.strip()) <= {"-"}]
        expected = sum(len(re.findall(r"^(\d+\. |- )", block, re.M)) or 1 for block in blocks)
        assert explained.text.count("» Meaning: ") == expected, (case, kind)
    assert kinds == {"baja", "reclamo", "queja", "apelacion"}
