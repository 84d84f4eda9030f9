"""The imported file's own lines, for the two checks the imported outline cannot answer.

Import strips heading numbers (they are regenerated on export) and takes the signature block into the
metadata. Checking a file someone else wrote must still say 「（三）之后是（五）」 and 「日期写成了2025年01月06日」,
so the checker reads the file's lines a second time here, through the importer's readers and its page
furniture filters (so a website footer or a page marker is not taken for a heading number), but without
the importer's heading recovery.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DrafterError
from ..kinds import get_kind


def raw_lines(path: str | Path, kind_id: str = "fzzf") -> list[str] | None:
    """Non-empty lines of an importable file as written, page furniture removed (None when unreadable)."""
    from ..importing import readers
    from ..importing.clean import drop_chrome, split_lines, strip_page_markers
    from ..importing.config import load_config

    p = Path(path)
    suffix = p.suffix.lower()
    try:
        magic = readers.sniff(p)
        if suffix in (".html", ".htm", ".xhtml", ".shtml"):
            raw = readers.read_html(p)
        elif suffix in (".docx", ".doc", ".wps") or magic in ("zip", "ole"):
            raw = readers.read_docx(p)
        else:
            raw = readers.read_txt(p)
        cfg = load_config(get_kind(kind_id))
    except DrafterError:
        return None
    lines = split_lines("\n".join(raw.lines))
    lines, _ = strip_page_markers(lines, cfg)
    lines, _ = drop_chrome(lines, cfg)
    return [line for line in lines if line.strip()]
