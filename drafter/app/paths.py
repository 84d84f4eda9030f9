"""Paths as users give them: pasted, or dragged from a file manager into the terminal or browser.

A dragged file arrives as ``'/home/clerk/濠江区2024年报告.docx'`` (quoted by the terminal), as
``file:///home/clerk/%E6%BF%A0...docx`` (from a browser or some file managers), or with its spaces
escaped (``报告\\ 2024.docx``); a path copied from a chat window may come in Chinese quotes. Every front
end cleans what the user typed with :func:`clean_user_path` before it looks for the file, so the one-line
error the user sees names the file, not the quotes around it.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

#: Opening and closing marks that may surround a pasted path.
_QUOTE_PAIRS = {"'": "'", '"': '"', "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
_ESCAPED = re.compile(r"\\([ ()'\"&;\[\]{}!$`#])")


def clean_user_path(text: str) -> str:
    """The path a user meant: surrounding spaces and quotes dropped, ``file://`` addresses turned into
    paths (percent escapes decoded), shell-escaped spaces unescaped, ``~`` expanded. Empty stays empty."""
    path = text.strip()
    for _ in range(2):  # 「'…'」 nested once at most
        if len(path) >= 2 and _QUOTE_PAIRS.get(path[0]) == path[-1]:
            path = path[1:-1].strip()
    if path.lower().startswith("file:"):
        parts = urlsplit(path)
        if parts.netloc in ("", "localhost"):
            path = unquote(parts.path)
            # file:///C:/Users/... on Windows
            if re.match(r"^/[A-Za-z]:[/\\]", path):
                path = path[1:]
    elif "\\" in path and os.sep == "/" and not os.path.exists(path):
        path = _ESCAPED.sub(r"\1", path)
    if path.startswith("~"):
        path = os.path.expanduser(path)
    return path
