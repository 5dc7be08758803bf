"""What every screen of the app shares: binding descriptions in the reader's language."""

from __future__ import annotations

# Textual's Binding is a dataclass, and Textual has loaded the module already: the
# ban on dataclasses is for tracker's own value classes (tracker.records).
import dataclasses  # noqa: TID251
from typing import TypeVar

from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen

from tracker.i18n import _, current_language, pgettext

ResultType = TypeVar("ResultType")


def key_words(description: str) -> str:
    """A binding's description (the footer's word for it) in the reader's language."""
    return pgettext("key", description) if description else ""


# Each binding worded once per language: the footer asks for the active bindings on
# every screen change and focus move, dozens of times while a case opens.
_WORDED: dict[tuple[int, str, str], tuple[Binding, Binding]] = {}


def _worded_binding(binding: Binding, tooltip: str) -> Binding:
    key = (id(binding), tooltip, current_language())
    cached = _WORDED.get(key)
    if cached is not None and cached[0] is binding:
        return cached[1]
    made = dataclasses.replace(binding, description=key_words(binding.description), tooltip=tooltip)
    _WORDED[key] = (binding, made)  # the original kept alive, so its id is not reused
    return made


def worded(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Bindings with their descriptions and tooltips translated (marked ``NP_("key", ...)``
    and ``N_``)."""
    out: dict[str, ActiveBinding] = {}
    for key, item in active.items():
        tooltip = _(item.tooltip) if item.tooltip else ""
        out[key] = item._replace(binding=_worded_binding(item.binding, tooltip), tooltip=tooltip)
    return out


class TrackerScreen(Screen[ResultType]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return worded(super().active_bindings)


class TrackerModal(ModalScreen[ResultType]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return worded(super().active_bindings)
