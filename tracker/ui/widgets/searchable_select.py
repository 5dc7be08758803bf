"""A list to pick from that searches as you type, closed or open."""

from __future__ import annotations

from textual import events
from textual.widgets import Select
from textual.widgets._select import SelectOverlay


class SearchableSelect(Select[str]):
    """A Select that a typed letter opens, searching its options for what is typed.

    Textual's Select searches only once its list is open; a user who tabs to the field
    and types "sub" means subscription, so the first letter opens the list and counts.
    """

    async def _on_key(self, event: events.Key) -> None:
        if self.expanded or not event.is_printable or event.character is None:
            return
        event.stop()
        event.prevent_default()
        self.action_show_overlay()
        self.query_one(SelectOverlay).post_message(events.Key(event.key, event.character))
