"""What the review screen's Line API widgets (ScrollView + render_line) share: a new
virtual size without a layout of the whole screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView

# The colours of a scrollbar: painted in the view's background while everything fits
_BAR_COLOURS = (
    "scrollbar_color",
    "scrollbar_color_hover",
    "scrollbar_color_active",
    "scrollbar_background",
    "scrollbar_background_hover",
    "scrollbar_background_active",
)


def _hide_bar(view: ScrollView, hidden: bool) -> None:
    """A view that keeps its scrollbar placed (overflow-y: scroll) paints it in its own
    background while everything fits: the bar then comes and goes without the layout of
    the screen that placing or removing it takes. Inline styles, not a class: a class
    applies the stylesheet to the view again (milliseconds)."""
    colour = view.styles.background if hidden else None
    for name in _BAR_COLOURS:
        setattr(view.styles, name, colour)


def set_virtual_size(view: ScrollView, size: Size, repaint: bool = True) -> None:
    """Give `view` a new virtual size, without laying out the whole screen when its
    scrollbar stays where it is (always, with overflow-y: scroll): the claims list and
    the evidence change height at nearly every key, and a layout redraws every widget
    of the screen (tens of milliseconds; a key's target is 16). A view whose height
    follows its content (height: auto, as in triage) needs the layout. With `repaint`
    False the caller repaints the lines that changed itself."""
    old, height = view.virtual_size, view.scrollable_content_region.height
    steady = view.styles.overflow_y == "scroll"
    if steady and height:
        fits = size.height <= height
        if fits != getattr(view, "_bar_hidden", False):
            view._bar_hidden = fits  # type: ignore[attr-defined]
            _hide_bar(view, fits)
    if size == old:
        return
    auto = view.styles.height is not None and view.styles.height.is_auto
    same_bar = steady or (old.height > height) == (size.height > height)
    if not auto and old.width == size.width and height and same_bar:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)  # Textual's own: the scrollbar's thumb and limits
        if repaint:
            view.refresh()
    else:
        view.virtual_size = size
