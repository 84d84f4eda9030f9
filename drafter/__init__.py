"""drafter: an offline assistant for writing the annual rule-of-law government report.

The core library: no user interface here, and nothing here imports textual. Heavy modules (jieba, the
phrasebank, python-docx) are imported by the functions that need them, so ``import drafter`` stays cheap.
"""

from .draft import dumps, load, loads, save
from .errors import DrafterError, InputError, KindError, UsageError
from .kinds import Kind, available_kinds, get_kind
from .model import CARRIED, NEEDS_DATA, Meta, Paragraph, Report, Section
from .numbering import label_for_path, numbered_outline

__version__ = "0.1.0"

__all__ = [
    "CARRIED",
    "NEEDS_DATA",
    "DrafterError",
    "InputError",
    "Kind",
    "KindError",
    "Meta",
    "Paragraph",
    "Report",
    "Section",
    "UsageError",
    "__version__",
    "available_kinds",
    "dumps",
    "get_kind",
    "label_for_path",
    "load",
    "loads",
    "numbered_outline",
    "save",
]
