"""Reading files once, with a size limit, and their ``NAME.meta.json`` sidecars."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyad.ingest.checks import Rejected, decode_bytes

__all__ = ["read_bytes", "read_text", "sidecar_path", "read_sidecar", "SIDECAR_SUFFIX"]

SIDECAR_SUFFIX = ".meta.json"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, read once; refused before reading when it is too large."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise Rejected("empty file")
        if size > max_bytes:
            raise Rejected(f"too large: {size:,} bytes (max {max_bytes:,} bytes; see DYAD_MAX_CHARS)")
        return path.read_bytes()
    except OSError as err:
        raise Rejected(f"cannot read: {err.strerror or err}") from None


def read_text(path: Path, max_bytes: int, declared: str | None = None) -> str:
    """Strictly decoded file text (see :func:`decode_bytes`)."""
    return decode_bytes(read_bytes(path, max_bytes), declared)


def sidecar_path(path: Path) -> Path:
    """``dir/NAME.txt`` -> ``dir/NAME.meta.json``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> tuple[dict[str, Any], str | None]:
    """(metadata, warning) from the article's sidecar; a bad sidecar warns, it does not skip."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}, None
    try:
        data = json.loads(side.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return {}, f"ignored {side.name}: {str(err).splitlines()[0]}"
    if not isinstance(data, dict):
        return {}, f"ignored {side.name}: not a JSON object"
    return data, None
