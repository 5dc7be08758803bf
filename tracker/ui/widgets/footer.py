"""The footer of key bindings, compact when its words do not fit the width (Spanish runs long)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer

from tracker.display import cell_width

# What a key takes besides its key and words: Textual's padding around them.
_PADDING = 3


class FittingFooter(Footer):
    """Textual's footer, switched to its compact style when the bindings would not fit."""

    def compose(self) -> ComposeResult:
        self._fit(self.app.size.width)
        yield from super().compose()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        shown = {
            binding.action: binding for _node, binding, _enabled, _tip in self.screen.active_bindings.values()
        }
        needed = sum(
            cell_width(self.app.get_key_display(binding)) + cell_width(binding.description) + _PADDING
            for binding in shown.values()
            if binding.show
        )
        self.compact = needed > width
