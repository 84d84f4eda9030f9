"""drafter's terminal app (Textual). Build it with :func:`tui.app.make_app`; only the CLI imports this."""

import os as _os

# Textual repaints at most 60 times a second by default, and a suggestion list that arrives just after
# a frame then waits one to two frames (17–33 ms) to be drawn. 120 keeps keystroke-to-screen with the
# suggestion refresh under 50 ms; it costs nothing while nothing changes. Set before Textual is imported;
# a value the user set wins.
_os.environ.setdefault("TEXTUAL_FPS", "120")

# Wide characters stay whole where one widget is drawn over another (notifications, folded panels).
from . import wide_chops as _wide_chops

_wide_chops.install()
