"""Text decoding decided by the whole file: one NUL byte, a cut last character, a short GBK note, and
mojibake refused rather than imported. Every file is written here from invented text."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.importing import import_file
from drafter.importing.readers import decode_text, read_txt
from drafter.kinds import get_kind

FZZF = get_kind("fzzf")

REPORT = (
    "青禾县人民政府关于2026年度法治政府建设情况的报告\n"
    "县委：\n"
    "2026年，青禾县坚持以习近平新时代中国特色社会主义思想为指导，深入推进依法行政。\n"
    "一、主要举措和成效\n"
    "（一）健全依法决策机制。全年审核规范性文件十二件，合法性审查率达到百分之百。\n"
    "（二）规范行政执法行为。组织执法人员培训三期，开展案卷评查两次。\n"
    "二、存在的不足和原因\n"
    "基层执法力量相对薄弱，执法规范化水平有待提高。\n"
    "三、下一步工作安排\n"
    "持续深化法治政府建设，推动各项工作落地见效。\n"
    "青禾县人民政府\n"
    "2027年1月6日\n"
)
NOTE = "关于报送年度法治材料的通知\n请各单位于本周五前报送。\n"


def _draft_text(path: Path) -> str:
    report = import_file(path, FZZF).report
    parts = [p.text for p in report.opening]
    for _, s in report.walk():
        parts.append(s.heading)
        parts.extend(p.text for p in s.paragraphs)
    parts.extend(p.text for p in report.closing)
    return "\n".join(parts) + report.meta.title + report.meta.org


def test_one_nul_byte_in_a_gbk_report_is_not_binary(tmp_path: Path) -> None:
    data = REPORT.encode("gbk")
    cut = data.index("一、".encode("gbk"))
    src = tmp_path / "带空字节.txt"
    src.write_bytes(data[:cut] + b"\x00" + data[cut:])
    text = _draft_text(src)
    assert "合法性审查率达到百分之百" in text and "\x00" not in text


def test_utf8_cut_in_its_last_character_is_read(tmp_path: Path) -> None:
    data = (REPORT + "附：统计表").encode("utf-8")[:-1]
    src = tmp_path / "截断.txt"
    src.write_bytes(data)
    raw = read_txt(src)
    assert "合法性审查率达到百分之百" in "\n".join(raw.lines)
    assert raw.lines[-1] == "附：统计"
    assert any("不完整" in w for w in raw.warnings)


def test_gbk_cut_in_its_last_character_is_read(tmp_path: Path) -> None:
    data = (REPORT + "附：统计表").encode("gbk")[:-1]
    src = tmp_path / "截断gbk.txt"
    src.write_bytes(data)
    raw = read_txt(src)
    assert raw.lines[-1] == "附：统计"


def test_short_gbk_note_is_chinese_not_korean(tmp_path: Path) -> None:
    for enc in ("gbk", "gb18030"):
        assert decode_text(NOTE.encode(enc), "note.txt") == NOTE


@pytest.mark.parametrize(
    "note",
    [
        "望潮区司法局：\n请于月底前报送执法统计。\n",
        "某某县人民政府办公室\n关于开展行政复议案卷评查的通知\n",
        "收到。\n已转法制科办理。\n",
    ],
)
def test_other_short_gbk_notes(note: str) -> None:
    assert decode_text(note.encode("gbk"), "n.txt") == note


def test_big5_report_is_read(tmp_path: Path) -> None:
    traditional = (
        "青禾縣人民政府關於法治政府建設情況的報告\n一、主要舉措和成效\n健全依法決策機制，規範行政執法行為。\n"
    )
    assert decode_text(traditional.encode("big5"), "t.txt") == traditional


def test_mojibake_is_refused_not_imported(tmp_path: Path) -> None:
    """UTF-8 text that went through a wrong GBK round trip once: not a report anyone can use."""
    garbled = REPORT.encode("utf-8").decode("gbk", errors="replace").encode("utf-16-le")
    src = tmp_path / "拉丁.txt"
    # Latin-1 mojibake (UTF-8 bytes shown as Western European text) saved as UTF-8 again:
    src.write_bytes(REPORT.encode("utf-8").decode("latin-1").encode("utf-8"))
    with pytest.raises(InputError) as err:
        import_file(src, FZZF)
    assert "\n" not in str(err.value)
    assert garbled  # the UTF-16 variant is only built to show the same text can be mangled many ways


def test_random_high_bytes_are_refused(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.choice(range(0xA1, 0xFF)) for _ in range(600))
    src = tmp_path / "随机.txt"
    src.write_bytes(data)
    with pytest.raises(InputError) as err:
        import_file(src, FZZF)
    assert "编码" in str(err.value) or "文本" in str(err.value)


def test_many_nul_bytes_are_still_binary(tmp_path: Path) -> None:
    """Near miss: a file that is a tenth NUL is not a text file, whatever its encoding."""
    data = REPORT.encode("gbk")
    src = tmp_path / "二进制.txt"
    src.write_bytes(b"".join(data[i : i + 9] + b"\x00" for i in range(0, len(data), 9)))
    with pytest.raises(InputError):
        import_file(src, FZZF)


def test_damage_in_the_middle_is_not_a_tail(tmp_path: Path) -> None:
    """Near miss: bytes broken in the middle of a UTF-8 file are never silently dropped."""
    data = REPORT.encode("utf-8")
    mid = len(data) // 2
    src = tmp_path / "中间损坏.txt"
    src.write_bytes(data[:mid] + b"\xff\xfe\xfd" + data[mid:])
    try:
        raw = read_txt(src)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert raw.warnings and any("无法识别" in w for w in raw.warnings)
        assert "合法性审查率达到百分之百" in "\n".join(raw.lines)


@pytest.mark.parametrize("enc", ["utf-8", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_whole_report_in_each_encoding(tmp_path: Path, enc: str) -> None:
    src = tmp_path / f"r-{enc}.txt"
    src.write_bytes(REPORT.encode(enc))
    assert "组织执法人员培训三期" in _draft_text(src)


def test_mojibake_saved_as_utf8_is_refused(tmp_path: Path) -> None:
    """UTF-8 bytes read as GBK and saved again as UTF-8 (「鍏ㄥ勾…」): valid UTF-8, but not a report."""
    src = tmp_path / "二次转换.txt"
    src.write_text(REPORT.encode("utf-8").decode("gb18030", errors="replace"), "utf-8")
    with pytest.raises(InputError) as err:
        import_file(src, FZZF)
    assert "乱码" in str(err.value)


def test_rare_but_real_characters_are_kept(tmp_path: Path) -> None:
    """Near miss: a report naming places with rare characters is still plausible."""
    text = REPORT.replace("青禾县", "邳州市犇牛镇").replace("县委", "市委")
    src = tmp_path / "生僻字.txt"
    src.write_bytes(text.encode("gb18030"))
    assert "邳州市犇牛镇" in "\n".join(read_txt(src).lines)
