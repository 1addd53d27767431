"""Turning raw bytes and records into checked text; every failure is one line, never a traceback."""

from __future__ import annotations

import codecs
import re

__all__ = ["Rejected", "decode_bytes", "check_text", "normalise_newlines", "check_length"]

_BOMS_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
_PROBE = 8192  # bytes/characters inspected for binary content


class Rejected(Exception):
    """An item that cannot be read; ``reason`` becomes a :class:`~dyad.model.Skip`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _utf8_error(err: UnicodeDecodeError) -> str:
    bad = err.object[err.start : err.start + 1].hex()
    return f"not valid UTF-8 (byte 0x{bad} at offset {err.start}); convert it to UTF-8"


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Strict UTF-8 (BOM stripped); raises :class:`Rejected` for binary or non-UTF-8 data.

    Nothing is decoded leniently: a replacement character would silently shift
    what the text says, so the file is refused instead. ``declared`` is an
    encoding the document itself names (an HTML meta charset), tried strictly
    when UTF-8 fails.
    """
    if data.startswith(_BOMS_UTF16):
        raise Rejected("UTF-16/UTF-32 text is not supported; convert it to UTF-8")
    if b"\x00" in data:
        raise Rejected("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        reason = _utf8_error(err)
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # the declaration is wrong or unknown: report the UTF-8 failure
    raise Rejected(reason)


def check_text(text: str) -> str:
    """Refuse empty or binary-looking text; returns it unchanged."""
    if not text.strip():
        raise Rejected("empty file")
    if "\x00" in text:
        raise Rejected("binary file (contains NUL bytes)")
    probe = text[:_PROBE]
    if len(_CONTROL.findall(probe)) > max(8, len(probe) // 100):
        raise Rejected("binary file (control characters)")
    return text


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; done before any offset is computed."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_length(size: int, max_chars: int, unit: str = "characters") -> None:
    """Refuse an article longer than ``max_chars``."""
    if size > max_chars:
        raise Rejected(f"too long: {size:,} {unit} (max {max_chars:,} characters; see DYAD_MAX_CHARS)")
