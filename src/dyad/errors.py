"""Errors dyad raises, each with a code and a message that says how to fix it.

    DyadError                 base; ``str(err)`` is one line: "[E###] message"
    ├── InputError            an input could not be read (bad file, bad JSON, bad date)
    ├── ConfigError           a setting is wrong (unknown model, bad path)
    ├── ModelError            the spaCy pipeline cannot be loaded
    ├── KnowledgeError        a lexicon or knowledge file is invalid
    ├── StoreError            the database cannot be opened or migrated
    └── EvalError             an evaluation suite has no data or bad data

Library code raises these; only the edges (CLI, API) turn them into messages,
exit codes or HTTP errors.
"""

from __future__ import annotations

__all__ = [
    "DyadError", "InputError", "ConfigError", "ModelError",
    "KnowledgeError", "StoreError", "EvalError", "StageWarning",
]


class StageWarning(UserWarning):
    """A stage failed on one article; the article keeps what the other stages found.

    Emitted with :func:`warnings.warn`; the CLI prints it as one line on stderr.
    """


class DyadError(Exception):
    """Base class. ``code`` is stable and documented; the message is one line."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code:
            self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(DyadError):
    code = "E100"


class ConfigError(DyadError):
    code = "E200"


class ModelError(DyadError):
    code = "E300"


class KnowledgeError(DyadError):
    code = "E400"


class StoreError(DyadError):
    code = "E500"


class EvalError(DyadError):
    code = "E600"
