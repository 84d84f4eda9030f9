"""The application layer: the use cases both front ends call, as plain functions.

The CLI (:mod:`drafter.cli`) and the terminal app (:mod:`tui`) are thin: they parse what the user typed,
call a function here and show what it returns. Anything a user can do from both (create a draft, open and
save it, check it, export it, say where a finding is, ask for suggestions) is written once, here, so the
two front ends can never disagree. This layer knows no front end: no click, no Textual. It sits above the
core (:mod:`drafter` without ``app`` and ``cli``) and the phrasebank; import-linter contracts in
pyproject.toml keep it so.

The report kind is resolved here, at the edge (:mod:`.kinds`), and passed down: nothing below this layer
assumes a default kind.
"""
