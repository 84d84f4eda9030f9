"""Importing a report file into a draft: read once, find the parts, save without clobbering anything."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError
from ..importing import ImportResult
from ..kinds import Kind
from ..parts import locate_parts
from .documents import import_any, save_draft
from .export import check_output_path
from .kinds import resolve_kind


@dataclass
class Imported:
    path: Path
    result: ImportResult
    kind: Kind
    located: dict[str, list[tuple[int, ...]]]
    #: True when the default name was taken and the draft went to a numbered name instead.
    renamed: bool = False


def free_name(path: Path) -> Path:
    """``path`` if it is free, else 「name（2）.md」, 「name（3）.md」 …: an automatic name never overwrites."""
    if not path.exists():
        return path
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem}（{n}）{path.suffix}")
        if not candidate.exists():
            return candidate
    raise InputError(f"{path.parent} 中同名草稿过多，请用 -o 指定草稿文件名")


def import_to_draft(
    file: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    kind_id: str | None = None,
    simplify: bool = False,
    force: bool = False,
) -> Imported:
    """Import ``file`` and save it as a draft: at ``output`` (``force`` to overwrite that file), or beside
    the working folder under the file's own name, numbered when that name is taken."""
    src = Path(file)
    kind = resolve_kind(kind_id)
    result = import_any(src, kind, simplify=simplify)
    renamed = False
    if output is not None:
        out = Path(output)
        if out.exists() and src.exists() and out.resolve() == src.resolve():
            raise InputError("导入结果会覆盖原文件，请用 -o 指定另一个草稿文件名")
        out = check_output_path(out, force)
    else:
        wanted = Path(src.stem + ".md")
        if wanted.exists() and src.exists() and wanted.resolve() == src.resolve():
            wanted = Path(src.stem + "（导入）.md")
        for _ in range(20):
            out = free_name(wanted)
            renamed = out != wanted
            try:
                check_output_path(out, False)
                save_draft(result.report, out, exclusive=True)
            except UsageError:
                if os.path.lexists(out):
                    continue  # another import took this name meanwhile: the next number
                raise
            break
        else:
            raise InputError(f"{wanted.parent} 中同名草稿正被反复创建，请用 -o 指定草稿文件名")
        return Imported(out, result, kind, locate_parts(result.report, kind), renamed)
    save_draft(result.report, out, exclusive=not force)
    return Imported(out, result, kind, locate_parts(result.report, kind), renamed)
