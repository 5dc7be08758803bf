"""The footer of key bindings, compact when its words do not fit the width (Spanish runs long)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tracker.display import cell_width

# What a key takes besides its key and words: Textual's padding around them, and in the
# compact style.
_PADDING = 3
_COMPACT_PADDING = 2


class FittingFooter(Footer):
    """Textual's footer, switched to its compact style when the bindings would not fit; when
    even that does not fit, the quit key gives way (Help lists it), so that Help stays in view."""

    # What gives way first when the compact footer is still too wide.
    GIVES_WAY = ("quit",)

    def compose(self) -> ComposeResult:
        hidden = self._fit(self.app.size.width)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in hidden:
                widget.display = False
            yield widget

    def on_resize(self, event: Resize) -> None:
        hidden = self._fit(event.size.width)
        for key in self.query(FooterKey):
            key.display = key.action not in hidden

    def _fit(self, width: int) -> set[str]:
        """Compact or not; and the actions left out, when even compact does not fit."""
        shown = {
            binding.action: binding
            for _node, binding, _enabled, _tip in self.screen.active_bindings.values()
            if binding.show
        }
        sizes = {
            action: cell_width(self.app.get_key_display(binding)) + cell_width(binding.description)
            for action, binding in shown.items()
        }
        self.compact = sum(size + _PADDING for size in sizes.values()) > width
        # Compact: a key, a space and its words, one space between keys.
        needed = sum(size + _COMPACT_PADDING for size in sizes.values())
        hidden = set()
        for action in self.GIVES_WAY:
            if needed <= width:
                break
            if action in sizes:
                hidden.add(action)
                needed -= sizes[action] + _COMPACT_PADDING
        return hidden
