"""Keep wide (Chinese) characters whole where a widget is drawn over another one.

Textual paints the screen as "chops": each screen line is cut at the left and right edges of every
widget on it, and the front-most widget's line is divided at those cuts. A cut that falls in the middle
of a two-cell character splits it, and Rich replaces both halves with spaces: a notification drawn over
the panels lost the 「人」 of 「某某县人民政府」 where the suggestion panel's border ran beneath it, and the
outline and suggestion overlays lose characters the same way.

:func:`install` replaces the compositor's chop rendering (textual is pinned exactly in pyproject.toml;
the replacement checks the version) with one that gives consecutive chops won by the same widget line
to that line as one piece: the piece holds the whole character and the chops after it in the run are
empty, so the terminal is told to write the character once, whole.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

import textual
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

#: The Textual release whose ``Compositor._render_chops`` this replaces.
TEXTUAL_VERSION = "8.2.8"
_EMPTY = Strip([], 0)
_installed = False


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    taken: list[set[int]] = [set() for _ in cuts]
    intersection = Region.intersection
    for region, clip, strips in self._get_renders(crop):
        render_region = intersection(region, clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            line_taken = taken[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            # Runs of consecutive cuts still free on this line: each run is this strip's, whole.
            run_start: int | None = None
            run: list[int] = []
            for cut, next_cut in itertools.pairwise(final_cuts):
                if cut in line_taken:
                    if run:
                        _fill(line, line_taken, strip, render_x, run, run_start)
                    run, run_start = [], None
                    continue
                if not run:
                    run_start = cut
                run.append(next_cut)
            if run:
                _fill(line, line_taken, strip, render_x, run, run_start)
    return chops  # type: ignore[return-value]


def _fill(
    line: dict[int, Strip | None],
    line_taken: set[int],
    strip: Strip,
    render_x: int,
    run_ends: list[int],
    run_start: int | None,
) -> None:
    """Give the chops from ``run_start`` to the last of ``run_ends`` to ``strip``: all its cells in the
    first chop, the others empty (the terminal cursor just moves past them)."""
    assert run_start is not None
    start, end = run_start - render_x, run_ends[-1] - render_x
    piece = strip.crop(start, end) if (start, end) != (0, strip.cell_length) else strip
    line[run_start] = piece
    line_taken.add(run_start)
    for cut in run_ends[:-1]:
        line[cut] = _EMPTY
        line_taken.add(cut)


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Textual's partial update, with each chop's end taken from the chop itself (a merged chop ends
    where its run ends, not at the next cut)."""
    screen_region = self.size.region
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(update_regions).intersection(screen_region)
    spans = list(self._regions_to_spans(update_regions))
    is_rendered_line = {y for y, _, _ in spans}.__contains__
    chops = self._render_chops(crop, is_rendered_line)
    chop_ends = []
    for line, cut_set in zip(chops, self.cuts, strict=False):
        ends = []
        for (x, strip), next_cut in zip(line.items(), cut_set[1:], strict=False):
            ends.append(next_cut if strip is None else x + strip.cell_length)
        chop_ends.append(ends)
    return ChopsUpdate(chops, spans, chop_ends)


def install() -> bool:
    """Use the whole-character chops; False (and Textual's own) on another Textual version."""
    global _installed
    if _installed:
        return True
    if textual.__version__ != TEXTUAL_VERSION:
        return False
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
    _installed = True
    return True
