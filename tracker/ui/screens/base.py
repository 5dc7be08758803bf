"""What every screen of the app shares: binding descriptions in the reader's language."""

from __future__ import annotations

# Textual's Binding is a dataclass, and Textual has loaded the module already: the
# ban on dataclasses is for tracker's own value classes (tracker.records).
import dataclasses  # noqa: TID251
from typing import TypeVar

from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from tracker.i18n import _, pgettext

ResultType = TypeVar("ResultType")


def key_words(description: str) -> str:
    """A binding's description (the footer's word for it) in the reader's language."""
    return pgettext("key", description) if description else ""


def worded(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Bindings with their descriptions and tooltips translated (marked ``NP_("key", ...)``
    and ``N_``)."""
    out: dict[str, ActiveBinding] = {}
    for key, item in active.items():
        binding = item.binding
        description = key_words(binding.description)
        tooltip = _(item.tooltip) if item.tooltip else ""
        out[key] = item._replace(
            binding=dataclasses.replace(binding, description=description, tooltip=tooltip),
            tooltip=tooltip,
        )
    return out


class TrackerScreen(Screen[ResultType]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return worded(super().active_bindings)


class TrackerModal(ModalScreen[ResultType]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return worded(super().active_bindings)
