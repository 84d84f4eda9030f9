"""Old Word (.doc), WPS (.wps) and RTF files, converted to .docx by LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ...errors import InputError
from .base import CONVERT_TIMEOUT, MAX_DOCX_BYTES, RawDocument, check_readable, read_limited
from .docx import read_docx


def read_doc(path: Path) -> RawDocument:
    """Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(
            f"导入 {path.suffix or '.doc'} 文件需要 LibreOffice：请安装 Debian 软件包 libreoffice-writer-nogui"
            "（sudo apt install libreoffice-writer-nogui），或在 Word/WPS 中另存为 .docx 后再导入"
        )
    check_readable(path)
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / (
            "input" + (path.suffix.lower() if path.suffix.lower() in (".doc", ".wps") else ".doc")
        )
        shutil.copyfile(path, src)
        profile = (tmpdir / "profile").as_uri()
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    str(tmpdir / "out"),
                    str(src),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"LibreOffice 转换 {path.name} 超时，文件可能已损坏") from exc
        except OSError as exc:
            raise InputError(f"无法启动 LibreOffice 转换 {path.name}：{exc}") from exc
        out = tmpdir / "out" / (src.stem + ".docx")
        if not out.exists():
            raise InputError(f"LibreOffice 无法转换 {path.name}，文件可能已损坏或已加密")
        data = read_limited(out, MAX_DOCX_BYTES)
        fmt = "wps" if path.suffix.lower() == ".wps" else "doc"
        return read_docx(path, data, source_format=fmt)
