"""One shared jieba tokenizer, loaded once, quietly, with its cache in the user's cache folder.

Loading jieba's dictionary takes about a second: callers that sit on a UI path call :func:`warm_up` in a
worker thread first. Everything that compares texts (importer part matching, phrasebank, checker) tokenizes
through here, so index and query always use the same tokenizer.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    path = Path(user_cache_dir("drafter", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir())
    return path


def tokenizer() -> Any:
    """The initialised ``jieba.Tokenizer`` (thread-safe, built on first use)."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.tmp_dir = str(_cache_dir())
            tok.initialize()
            _tokenizer = tok
    return _tokenizer


def warm_up() -> None:
    """Load the dictionary now (call from a worker thread before the first keystroke needs it)."""
    tokenizer()


def is_ready() -> bool:
    return _tokenizer is not None


def cut(text: str) -> list[str]:
    """Words of a text, whitespace dropped."""
    return [w for w in tokenizer().lcut(text) if w.strip()]


@lru_cache(maxsize=4096)
def cut_joined(text: str) -> str:
    """Words joined by spaces: the form rapidfuzz's token scorers expect."""
    return " ".join(cut(text))
