"""The report kind the built-in bank is mined from (its corpus is that kind's published reports).

A module of its own so that everything may know it without importing the bank's builder."""

BUILTIN_KIND = "fzzf"
