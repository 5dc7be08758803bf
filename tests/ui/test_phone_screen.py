"""`p` on the Case screen: the phone script, scrollable, with `f` one key away to log the call
(the contact form's channel set to phone)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, Static

from tests.helpers.ui import TODAY, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import Channel
from tracker.domain.workflow import CaseDraft
from tracker.ui.app import build_app
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.log_contact import LogContactScreen
from tracker.ui.screens.phone import PhoneScreen


async def test_p_opens_the_phone_script_and_f_logs_the_call_by_phone(
    tracker: Tracker, ui_db: str, ui_config: Path
) -> None:
    (ui_config / "config.toml").write_text('[me]\nname = "Lin Mei"\n', encoding="utf-8")
    # Asked for in a store: the contact form would default to the store.
    tracker.cases.add(
        CaseDraft(
            provider="Claro",
            service="línea 912 345 678",
            requested_on=TODAY,
            channel=Channel.STORE,
            playbook="esim-pe",
        )
    )
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language="zh_CN"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey") if w.display)
        assert "打电话" in footer and "帮助" in footer
        await pilot.press("p")
        await settle(pilot)
        phone = app.screen
        assert isinstance(phone, PhoneScreen)
        shown = str(phone.query_one("#phone-script", Static).render())
        assert "Buenos días. Mi nombre es Lin Mei y soy titular del servicio" in shown
        assert "您好。我叫Lin Mei" in shown and "1. 自我介绍" in shown
        assert "Quiero solicitar la baja del servicio." in shown  # asked today, no código: the request
        phone_footer = " ".join(str(w.render()) for w in phone.query("FooterKey") if w.display)
        assert "记录这通电话" in phone_footer
        await pilot.press("a")  # the whole script
        await settle(pilot)
        assert "7. 询问答复期限" in str(phone.query_one("#phone-script", Static).render())
        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogContactScreen)
        assert form.query_one("#channel", Select).value == Channel.PHONE.value
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is phone
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
