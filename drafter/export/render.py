"""Rendering an exported .docx to PDF with LibreOffice headless, to judge the layout without Word.

Used by the layout tests and the benchmark. Each conversion gets its own LibreOffice profile folder, so
parallel runs never clash over a shared profile lock, and the project's fontconfig file maps the Windows
font names of the document to the CJK fonts Debian ships.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError

FONTS_CONF = Path(__file__).with_name("fonts.conf")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(
    docx_files: Sequence[str | os.PathLike[str]], outdir: str | os.PathLike[str], *, timeout: float = 300
) -> list[Path]:
    """Convert each .docx to ``outdir/<stem>.pdf`` in one LibreOffice run; returns the PDF paths.

    A missing PDF means LibreOffice could not open the file (or wanted to repair it): that is an error.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UsageError("未找到 LibreOffice（soffice），无法生成 PDF")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *[str(f) for f in docx_files],
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    pdfs = [out / (Path(f).stem + ".pdf") for f in docx_files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if missing:
        raise UsageError(
            f"LibreOffice 未能转换：{', '.join(missing)}（{(proc.stderr or proc.stdout).strip()[:300]}）"
        )
    return pdfs
