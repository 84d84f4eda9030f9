"""The main screen's widgets: outline, editor, suggestions, status line."""
