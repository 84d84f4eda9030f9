"""Bad input through the real command line: every malformed file ends in one Chinese line and a non-zero
exit (or a correct import where the file is in fact valid) — never a traceback, never more than 10 s,
never more than 500 MB of memory.

Each file is generated here, in tmp_path, and ``drafter import`` runs in its own process; time and peak
memory are measured for that process alone (``os.wait4`` returns the child's own resource usage).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.kinds import get_kind as _get_kind

from .conftest import CORPUS

FZZF = _get_kind("fzzf")

MAX_SECONDS = 10.0
MAX_RSS_MB = 500
REPORT = (CORPUS / "2019-xiashan.txt").read_text("utf-8")


@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]
    #: True when the file is in fact valid and must import; None when either outcome is right.
    valid: bool | None = False
    args: tuple[str, ...] = ()


def _docx_bytes(text: str = REPORT) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
            else:
                dst.writestr(info, src.read(info.filename))
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def _document_xml(body: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + prolog
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + "</w:body></w:document>"
    ).encode()


def write(name: str, data: bytes | str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        p = tmp / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
        return p

    return make


def make_zip_bomb(tmp: Path) -> Path:
    """A .docx whose media part expands to 1.1 GB of zeros (about 1 MB on disk)."""
    p = tmp / "bomb.docx"
    base = _docx_bytes("一、测试\n正文。")
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in zipfile.ZipFile(io.BytesIO(base)).infolist():
            z.writestr(info.filename, zipfile.ZipFile(io.BytesIO(base)).read(info.filename))
        chunk = bytes(1 << 20)
        with z.open("word/media/image1.png", "w", force_zip64=True) as fh:
            for _ in range(1100):
                fh.write(chunk)
    return p


def make_lying_bomb(tmp: Path) -> Path:
    """A zip bomb whose directory claims a tiny size for a part that expands to 300 MB."""
    p = tmp / "lying.docx"
    base = _docx_bytes("一、测试\n正文。")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zipfile.ZipFile(io.BytesIO(base)).infolist():
            z.writestr(info.filename, zipfile.ZipFile(io.BytesIO(base)).read(info.filename))
        z.writestr("word/media/big.bin", bytes(300 << 20))
    data = bytearray(buf.getvalue())
    real = (300 << 20).to_bytes(4, "little")
    # Patch every recorded uncompressed size of that part (local header and central directory) to 100.
    i = data.find(real)
    while i != -1:
        data[i : i + 4] = (100).to_bytes(4, "little")
        i = data.find(real, i + 4)
    p.write_bytes(bytes(data))
    return p


def make_many_parts(tmp: Path) -> Path:
    base = _docx_bytes("一、测试\n正文。")
    extra = {f"word/media/p{i}.bin": b"x" for i in range(2500)}
    p = tmp / "many.docx"
    p.write_bytes(_rezip(base, {}, extra))
    return p


def make_encrypted(tmp: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE compound file holding an EncryptedPackage."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    body = "EncryptionInfo".encode("utf-16-le") + bytes(64) + "EncryptedPackage".encode("utf-16-le")
    p = tmp / "encrypted.docx"
    p.write_bytes(header + body + os.urandom(4096))
    return p


def make_dir(tmp: Path) -> Path:
    p = tmp / "folder.docx"
    p.mkdir()
    return p


def make_unreadable(tmp: Path) -> Path:
    p = tmp / "secret.txt"
    p.write_text(REPORT, "utf-8")
    p.chmod(0)
    return p


def make_existing_output(tmp: Path) -> Path:
    p = tmp / "report.txt"
    p.write_text(REPORT, "utf-8")
    (tmp / "exists.md").write_text("x", "utf-8")
    return p


def make_big_text(tmp: Path) -> Path:
    p = tmp / "big.txt"
    line = ("一、标题\n" + "正文内容，" * 200 + "。\n").encode()
    with p.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    return p


XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


CASES: list[Case] = [
    Case("empty.txt", write("empty.txt", b"")),
    Case("empty.docx", write("empty.docx", b"")),
    Case("truncated.docx", lambda t: write("truncated.docx", _docx_bytes()[: len(_docx_bytes()) // 2])(t)),
    Case(
        "corrupt.docx",
        lambda t: write("corrupt.docx", (lambda b: b[:2000] + os.urandom(3000) + b[5000:])(_docx_bytes()))(t),
        None,
    ),
    Case("garbage.docx", write("garbage.docx", os.urandom(20000))),
    Case("encrypted.docx", make_encrypted),
    Case("zip-bomb.docx", make_zip_bomb),
    Case("lying-zip-bomb.docx", make_lying_bomb),
    Case("many-parts.docx", make_many_parts),
    Case(
        "xxe.docx",
        lambda t: write(
            "xxe.docx",
            _rezip(
                _docx_bytes(),
                {"word/document.xml": _document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", XXE)},
            ),
        )(t),
    ),
    Case(
        "laughs.docx",
        lambda t: write(
            "laughs.docx",
            _rezip(
                _docx_bytes(),
                {
                    "word/document.xml": _document_xml(
                        "<w:p><w:r><w:t>&lol1;</w:t></w:r></w:p>",
                        '<!DOCTYPE d [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
                    )
                },
            ),
        )(t),
    ),
    Case(
        "bad-xml.docx",
        lambda t: write(
            "badxml.docx", _rezip(_docx_bytes(), {"word/document.xml": b"<w:document><w:body><w:p>"})
        )(t),
    ),
    Case(
        "no-document.docx",
        lambda t: write("nodoc.docx", _rezip(_docx_bytes(), {"word/document.xml": None}))(t),
    ),
    Case("plain-zip.docx", lambda t: write("plain.docx", _zip_of({"a.txt": b"hello"}))(t)),
    Case("docx-named-txt", lambda t: write("actually-docx.txt", _docx_bytes())(t), True),
    Case("binary.txt", write("binary.txt", os.urandom(100_000))),
    Case("nul-heavy.txt", write("nul.txt", b"\x00\x01\x02\x03" * 5000)),
    Case("big-50mb.txt", make_big_text),
    Case("gbk.txt", write("gbk.txt", REPORT, "gbk"), True),
    Case("gb18030.txt", write("gb18030.txt", REPORT + "\n𠀀", "gb18030"), True),
    Case("utf16-bom.txt", write("utf16.txt", REPORT, "utf-16"), True),
    Case("utf16le-nobom.txt", write("utf16le.txt", REPORT, "utf-16-le"), True),
    Case("utf8-bom.txt", write("bom.txt", "\ufeff" + REPORT), True),
    Case(
        "control-chars.txt",
        write("ctrl.txt", REPORT.replace("。", "。\x01\x02\x1b", 20).replace("\n", "\r\n")),
        True,
    ),
    Case("bad-bom.txt", write("badbom.txt", b"\xff\xfe" + b"\x00\xd8" * 3)),
    Case("english.txt", write("english.txt", "This is not a Chinese report.\n" * 100)),
    Case("whitespace.txt", write("blank.txt", " \n\t\n\u3000\n" * 100)),
    Case("long-line.txt", write("longline.txt", "依法行政工作持续推进" * 160_000), True),
    Case(
        "many-headings.txt",
        write("headings.txt", "".join(f"{i}、标题{i}\n正文{i}。\n" for i in range(1, 20000))),
        True,
    ),
    Case("directory", make_dir),
    Case("missing", lambda t: t / "does-not-exist.docx"),
    Case("unreadable", make_unreadable, None),
    Case("garbage.doc", write("garbage.doc", os.urandom(5000))),
    Case("garbage.wps", write("garbage.wps", b"not a wps file at all")),
    Case("empty.html", write("empty.html", "<html><head><title>x</title></head><body></body></html>")),
    Case("binary.html", write("binary.htm", os.urandom(30000))),
    Case(
        "script-only.html",
        write("script.html", "<html><body><script>var a='一、标题';</script></body></html>"),
    ),
    Case("broken-yaml.md", write("broken.md", "---\nyear: [2024\n---\n\n# 标题\n")),
    Case("gbk.md", write("gbk.md", "# 标题\n\n正文。", "gbk")),
    Case("future-format.md", write("future.md", "---\ndrafter_format: 99\n---\n")),
    Case("report.pdf", write("report.pdf", b"%PDF-1.4\n" + os.urandom(2000))),
    Case("existing-output", make_existing_output, args=("-o", "exists.md")),
    Case("missing-output-dir", lambda t: write("ok.txt", REPORT)(t), args=("-o", "no/such/dir/out.md")),
]


def run_measured(args: list[str], cwd: Path) -> tuple[int, str, str, float, float]:
    """Run the CLI; return (exit code, stdout, stderr, seconds, peak RSS in MB) of that process alone.

    The child is reaped with ``os.wait4``, which reports that child's own peak memory."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    out_path, err_path = cwd / ".stdout", cwd / ".stderr"
    start = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from drafter.cli import run; run()", *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env=env,
        )
        timer = threading.Timer(MAX_SECONDS * 3, proc.kill)
        timer.start()
        try:
            _, status, rusage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    return (
        proc.returncode,
        out_path.read_text("utf-8", "replace"),
        err_path.read_text("utf-8", "replace"),
        seconds,
        rusage.ru_maxrss / 1024,
    )


def test_enough_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    path = case.make(work)
    args = case.args or ("-o", "out.md")
    code, out, err, seconds, rss = run_measured(["import", str(path), *args], work)
    try:
        assert "Traceback" not in err and "Traceback" not in out, err
        assert seconds <= MAX_SECONDS, f"{case.name}: {seconds:.1f} s"
        assert rss <= MAX_RSS_MB, f"{case.name}: {rss:.0f} MB"
        if code == 0:
            assert case.valid is not False, f"{case.name} was accepted: {out[:200]}"
            assert (work / "out.md").exists()
        else:
            assert case.valid is not True, f"{case.name} is valid but failed: {err}"
            assert code == 2
            lines = err.strip().splitlines()
            assert len(lines) == 1, err
            assert lines[0].startswith("错误：") or lines[0].startswith("参数错误"), err
            # A Chinese explanation, not an exception's repr.
            assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0][3:]), err
    finally:
        if path.exists() and not path.is_dir():
            path.chmod(0o644)


def test_valid_encodings_import_the_same_outline(tmp_path: Path) -> None:
    """GBK, UTF-16 and UTF-8 copies of one report give the same draft."""
    from drafter.draft import dumps
    from drafter.importing import import_file

    drafts = []
    for enc in ("utf-8", "gbk", "utf-16", "utf-16-le", "gb18030"):
        p = tmp_path / f"r-{enc}.txt"
        p.write_bytes(REPORT.encode(enc))
        drafts.append(dumps(import_file(p, FZZF).report))
    assert all(d == drafts[0] for d in drafts)


_ALPHABET = list(
    "一二三四五六七八九十（）()、.．。，；：:1234567890 \n\t年月日报告人民政府区局存在问题工作计划第一责任人是《》“”"
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(
            alphabet=st.sampled_from([*_ALPHABET, "\u3000", "\xa0", "\x00", "\u2028", "\r"]), max_size=400
        ),
        st.tuples(st.integers(0, len(REPORT)), st.integers(0, 3000), st.text(max_size=30)).map(
            lambda t: REPORT[t[0] : t[0] + t[1]] + t[2]
        ),
    )
)
def test_any_text_imports_or_fails_cleanly(text: str) -> None:
    """Whatever the text, the importer ends in a report that survives the draft round trip, or in a
    one-line DrafterError — never another exception."""
    from drafter.draft import dumps, loads
    from drafter.errors import DrafterError
    from drafter.importing import import_text

    try:
        report = import_text(text, FZZF).report
    except DrafterError as exc:
        assert "\n" not in str(exc)
        return
    draft = dumps(report)
    assert dumps(loads(draft)) == draft
