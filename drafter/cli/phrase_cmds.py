"""``drafter mine`` and ``drafter suggest``: build a phrasebank from past reports, ask it for phrasing."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import click

from ..errors import UsageError
from ..model import Meta
from .common import echo_json, json_option
from .zh import ZhCommand


class _Bar:
    """Adapts phrasebank's progress(done, total) to a click progress bar on stderr, created when the total is known."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.quiet or total == 0:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="挖掘词句", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command(cls=ZhCommand)
@click.argument("dirs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--bank",
    "bank_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="写入哪个词句库文件（默认：用户词句库）",
)
@click.option(
    "--kind",
    "kind_id",
    default=None,
    help="这些报告的类型（默认：法治政府建设年度报告；文件自己写明的类型优先）",
)
@json_option
def mine(dirs: tuple[str, ...], bank_path: str | None, kind_id: str | None, as_json: bool) -> int:
    """从往年报告（文件夹或文件）中挖掘可复用的词句，存入词句库。

    已挖掘过的文件（内容相同）会跳过，只处理新文件。
    """
    from phrasebank import mine as run_mine
    from phrasebank import user_bank_path
    from phrasebank.mine import find_reports

    from ..app.kinds import resolve_kind

    kind = resolve_kind(kind_id)

    if not find_reports(dirs):
        raise UsageError("给出的文件夹中没有可读取的报告文件（.txt .docx .md .html 等）")
    target = bank_path or str(user_bank_path())
    bar = _Bar(quiet=False)

    def waiting() -> None:
        click.echo("词句库正被另一个挖掘任务写入，等待它结束…", err=True)

    try:
        result = run_mine(list(dirs), target, progress=bar, kind_id=kind.id, on_wait=waiting)
    except KeyboardInterrupt:
        # Ctrl+C: the workers are gone and the copy removed; the bank was never touched in place.
        bar.close()
        click.echo("已中断：词句库保持原样", err=True)
        sys.exit(130)
    finally:
        bar.close()
    if as_json:
        echo_json(result.to_json())
    else:
        click.echo(
            f"已处理 {result.new_files} 个新文件（跳过已挖掘的 {len(result.skipped)} 个），"
            f"新增词句 {result.phrases_added} 条；词句库共 {result.phrases_total} 条，"
            f"来自 {result.reports_total} 份报告：{target}"
        )
        for path, error in result.failed:
            click.echo(f"警告：{path} 未能读取：{error}", err=True)
        for path, reason in result.not_reports:
            click.echo(f"跳过：{path} 不像{kind.name}（{reason}）", err=True)
        for path, same_as in result.duplicates:
            click.echo(f"跳过：{path} 与已挖掘的「{same_as}」是同一份报告", err=True)
    return 1 if result.failed and result.new_files == len(result.failed) else 0


def _meta(draft: str | None, year: int | None, org: str | None, short: str | None) -> Meta | None:
    meta: Meta | None = None
    if draft:
        from ..app.documents import open_document

        meta = open_document(draft).report.meta
    if year is not None or org or short:
        meta = meta or Meta()
        if year is not None:
            meta.year = year
        if org:
            meta.org = org
        if short:
            meta.short = short
    return meta


@click.command(cls=ZhCommand)
@click.argument("text", required=False, default="")
@click.option(
    "--part",
    "part",
    default=None,
    help="当前所写的部分或任务：名称或简称（如 主要举措和成效、不足、安排、第一责任人）",
)
@click.option(
    "--draft",
    "draft",
    type=click.Path(dir_okay=False),
    default=None,
    help="草稿文件：按其年度和机关名称填写建议中的年份和单位",
)
@click.option(
    "--kind", "kind_id", default=None, help="报告类型（默认：草稿中写明的类型，否则法治政府建设年度报告）"
)
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True, help="给出几条建议")
@click.option("--year", type=int, default=None, help="报告年度（不给 --draft 时使用）")
@click.option("--org", default=None, help="机关全称，如 某某县人民政府（不给 --draft 时使用）")
@click.option("--short", default=None, help="机关简称，如 我县（不给 --draft 时使用）")
@click.option(
    "--bank",
    "bank_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="另用这个词句库（代替默认的用户词句库，内置词句库照常使用）",
)
@click.option("--no-builtin", "no_builtin", is_flag=True, help="不使用软件自带的词句库")
@click.option(
    "--stdio",
    is_flag=True,
    help="按行读写 JSON：每行一个请求，每行一个回答，直到输入结束（供编辑器插件使用，见 docs/json.md）",
)
@json_option
def suggest(
    text: str,
    part: str | None,
    draft: str | None,
    kind_id: str | None,
    k: int,
    year: int | None,
    org: str | None,
    short: str | None,
    bank_path: str | None,
    no_builtin: bool,
    stdio: bool,
    as_json: bool,
) -> None:
    """给出与正在输入的文字最接近的常用表述和续写（文字为空时给出该部分最常见的开头）。"""
    from ..app.kinds import resolve_kind
    from ..app.labels import part_name, resolve_part
    from ..app.suggest import serve_suggestions, suggest_for

    meta = _meta(draft, year, org, short)
    kind = resolve_kind(kind_id or (meta.kind if meta is not None and meta.kind else None))
    if stdio:
        if text:
            raise UsageError("--stdio 从标准输入逐行读取请求，不要再给出文字参数")
        for stream in (sys.stdin, sys.stdout):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")
        with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):  # the editor went away
            serve_suggestions(sys.stdin, sys.stdout, kind=kind, user_bank=bank_path, builtin=not no_builtin)
        return
    part = resolve_part(kind, part)
    results = suggest_for(
        text, kind=kind, meta=meta, part=part, k=k, user_bank=bank_path, builtin=not no_builtin
    )
    if as_json:
        echo_json({"query": text, "part": part, "suggestions": [s.to_json() for s in results]})
        return
    if not results:
        click.echo("（没有找到相近的表述）")
        return
    for i, s in enumerate(results, 1):
        src = "、".join(s.sources[:2]) + ("等" if len(s.sources) > 2 else "")
        what = "续写" if s.kind == "continuation" else "表述"
        click.echo(f"{i}. [{what}] {s.text}")
        click.echo(
            f"   〔{part_name(kind, s.part) or '未分部分'}·{s.function}·见于 {s.frequency} 份报告·来源：{src}〕"
        )
