"""Traditional characters: see :mod:`drafter.traditional` (shared by the importer and part matching)."""

from ..traditional import TRADITIONAL_SHARE, is_traditional, to_simplified, traditional_share

__all__ = ["TRADITIONAL_SHARE", "is_traditional", "to_simplified", "traditional_share"]
