"""JSON lines: one article object per line; a bad line is skipped, the rest continue."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dyad.ingest.build import record_article
from dyad.ingest.checks import Rejected, decode_bytes
from dyad.ingest.options import Options
from dyad.model import Article, Skip

__all__ = ["read_jsonl_file", "jsonl_items", "text_lines"]

_PROBE = 8192  # bytes inspected for binary content


def _parse_line(line: str, *, origin: str, default_id: str, opts: Options) -> Article | Skip:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Skip(origin, f"malformed JSON: {err.msg} (column {err.colno})")
    if not isinstance(record, dict):
        return Skip(origin, f"not a JSON object (a {type(record).__name__})")
    try:
        return record_article(record, default_id=default_id, origin=origin, opts=opts)
    except Rejected as rejected:
        return Skip(origin, rejected.reason)


def jsonl_items(lines: Iterable[tuple[int, str | Skip]], *, name: str, stem: str,
                opts: Options) -> Iterator[Article | Skip]:
    """Articles from numbered lines; ``name`` prefixes each origin ("file:LINE")."""
    seen_any = False
    for number, line in lines:
        if isinstance(line, Skip):
            seen_any = True
            yield line
        elif line.strip():
            seen_any = True
            yield _parse_line(line, origin=f"{name}:{number}", default_id=f"{stem}-{number}", opts=opts)
    if not seen_any:
        yield Skip(name, "empty file")


def text_lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of an already decoded text (stdin)."""
    yield from enumerate(text.split("\n"), start=1)


def _decoded_lines(handle: Iterable[bytes], name: str) -> Iterator[tuple[int, str | Skip]]:
    """Numbered lines of a file, each decoded strictly on its own (streamed, never read whole)."""
    for number, raw in enumerate(handle, start=1):
        try:
            yield number, decode_bytes(raw)
        except Rejected as rejected:
            if not rejected.reason.startswith("not valid UTF-8"):
                raise  # binary or UTF-16: the whole file is refused, not each line
            yield number, Skip(f"{name}:{number}", rejected.reason)


def _refuse_binary(handle: BinaryIO) -> None:
    """Look at the first block once, so a binary file is one Skip, not one per line."""
    head = handle.read(_PROBE)
    handle.seek(0)
    if b"\x00" in head:
        raise Rejected("binary file (contains NUL bytes)")


def read_jsonl_file(path: Path, opts: Options) -> Iterator[Article | Skip]:
    """A ``.jsonl`` file -> Articles and per-line Skips."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            _refuse_binary(handle)
            yield from jsonl_items(_decoded_lines(handle, name), name=name, stem=path.stem, opts=opts)
    except Rejected as rejected:
        yield Skip(name, rejected.reason)
    except OSError as err:
        yield Skip(name, f"cannot read: {err.strerror or err}")
