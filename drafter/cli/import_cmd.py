"""``drafter import``: read a report as found (Word, WPS, web page, text) into a draft."""

from __future__ import annotations

import warnings
from pathlib import Path

import click

from ..errors import DrafterError, InputError
from .common import check_output_path, echo_json, force_option, json_option

_FIELD_NAMES = {
    "title": "标题",
    "org": "发文机关",
    "recipient": "主送机关",
    "year": "年度",
    "date": "成文日期",
    "short": "自称",
}


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="草稿保存路径（.md，默认：与原文件同名）"
)
@click.option("--simplify", is_flag=True, help="把繁体字正文转换为简体字（默认保留原文）")
@force_option
@json_option
def import_(file: Path, output: Path | None, simplify: bool, force: bool, as_json: bool) -> None:
    """导入已有报告（.docx .doc .wps .txt .html .md），识别标题层级和元数据，保存为草稿。"""
    from ..draft import save
    from ..importing import import_file
    from ..kinds import get_kind
    from ..outline_json import report_to_dict
    from ..parts import locate_parts

    try:
        with warnings.catch_warnings():
            # Library warnings (encoding guesses, deprecations) would break the one-line output.
            warnings.simplefilter("ignore")
            result = import_file(file, simplify=simplify)
    except DrafterError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise InputError(f"{file} 过于庞大或嵌套过深，无法导入") from exc
    except Exception as exc:  # a file no reader anticipated: one line, never a traceback
        raise InputError(f"无法导入 {file}：文件内容无法识别（{type(exc).__name__}）") from exc

    out_path = output if output is not None else Path(file.stem + ".md")
    if out_path.resolve() == file.resolve():
        raise InputError("导入结果会覆盖原文件，请用 -o 指定另一个草稿文件名")
    out_path = check_output_path(out_path, force)
    report = result.report
    save(report, out_path)
    located = locate_parts(report, get_kind(report.meta.kind or "fzzf"))

    if as_json:
        echo_json(
            {
                "path": str(out_path),
                "source_format": result.source_format,
                "traditional": result.traditional,
                "confidence": result.confidence,
                "warnings": result.warnings,
                "parts": {pid: [list(p) for p in paths] for pid, paths in located.items()},
                "report": report_to_dict(report),
            }
        )
        return
    meta = report.meta
    click.echo(f"已导入 {file} → {out_path}")
    values = {
        "title": meta.title,
        "org": meta.org,
        "recipient": meta.recipient,
        "year": meta.year,
        "date": meta.date.isoformat() if meta.date else None,
        "short": meta.short,
    }
    for name, label in _FIELD_NAMES.items():
        value = values[name]
        conf = result.confidence.get(name, 0.0)
        shown = value if value not in (None, "") else "（未能识别）"
        note = "" if not value else ("" if conf >= 0.8 else f"（可信度 {conf:.1f}，请核对）")
        click.echo(f"  {label}：{shown}{note}")
    from ..numbering import numbered_outline

    heads = [(path, label, s) for path, label, s in numbered_outline(report) if len(path) <= 2]
    click.echo(f"  大纲：共 {sum(1 for _ in report.walk())} 个标题（以下列出前两级）")
    for path, label, section in heads:
        tag = f"  [{section.part}]" if section.part else ""
        click.echo(f"  {'  ' * len(path)}{label}{section.heading}{tag}")
    names = {
        "measures": "主要举措和成效",
        "shortcomings": "存在的不足和原因",
        "leadership": "第一责任人职责",
        "plan": "下一年度安排",
        "other": "其他情况",
    }
    absent = [names.get(pid, pid) for pid, paths in located.items() if not paths and pid != "other"]
    if absent:
        click.echo(f"  未找到的部分：{'、'.join(absent)}")
    for w in result.warnings:
        click.echo(f"提示：{w}", err=True)
