"""Where articles come from: files, directories (recursive) and stdin, each dispatched by format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from dyad.ingest.checks import Rejected, check_text, decode_bytes
from dyad.ingest.files import SIDECAR_SUFFIX
from dyad.ingest.htmlpage import html_article, looks_like_html, read_html_file
from dyad.ingest.jsonl import jsonl_items, read_jsonl_file, text_lines
from dyad.ingest.options import Options
from dyad.ingest.table import csv_items, read_csv_file
from dyad.ingest.text import read_text_file, text_article
from dyad.model import Article, Skip, stable_id

__all__ = ["read_path", "read_stdin", "walk", "format_of", "sniff_format"]

Item = Article | Skip
Reader = Callable[[Path, Options], Iterator[Item]]

_BY_SUFFIX = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_READERS: dict[str, Reader] = {"txt": read_text_file, "html": read_html_file,
                               "jsonl": read_jsonl_file, "csv": read_csv_file}
STDIN_NAME = "<stdin>"


def stdin_id(text: str) -> str:
    """Stdin has no file name: its id comes from its content, so two runs never collide."""
    return "stdin-" + stable_id(text, length=12)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def format_of(path: Path, forced: str | None) -> str | None:
    """The format to read ``path`` as: forced, else from its extension (None when unknown)."""
    return forced or _BY_SUFFIX.get(path.suffix.lower())


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def walk(root: Path) -> list[Path]:
    """Every non-hidden file under ``root``, sorted by relative path (symlinked dirs not followed)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder) / f for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _read_file(path: Path, opts: Options, *, explicit: bool) -> Iterator[Item]:
    """One file by its format; sidecars are read with their article, not on their own."""
    if is_sidecar(path):
        if explicit:
            yield Skip(str(path), "a metadata sidecar; give the article file it describes")
        return
    fmt = format_of(path, opts.format)
    if fmt is None:
        kind = f"'{path.suffix}'" if path.suffix else "without extension"
        yield Skip(str(path), f"unknown file type {kind} (use --input-format txt|html|jsonl|csv)")
        return
    yield from _READERS[fmt](path, opts)


def read_path(name: str, opts: Options, stdin: IO[Any] | None = None) -> Iterator[Item]:
    """Items from one command-line path: a file, a directory, or ``-`` for stdin."""
    if name == "-":
        yield from read_stdin(stdin, opts)
        return
    path = Path(name)
    if path.is_dir():
        for child in walk(path):
            yield from _read_file(child, opts, explicit=False)
    elif path.exists():
        yield from _read_file(path, opts, explicit=True)
    else:
        yield Skip(name, "no such file or directory")


def sniff_format(text: str) -> str:
    """JSON lines if the first non-blank character is "{", HTML if it looks like HTML, else text."""
    if text.lstrip()[:1] == "{":
        return "jsonl"
    return "html" if looks_like_html(text) else "txt"


def _stdin_text(stream: IO[Any] | None) -> str:
    """All of stdin, decoded strictly by us: a text stream's byte buffer is read when it
    has one, so invalid UTF-8 is a Skip rather than the stream's own decoding error."""
    source = stream if stream is not None else sys.stdin
    source = getattr(source, "buffer", source)
    try:
        data = source.read()
    except UnicodeDecodeError as err:
        raise Rejected(f"not valid UTF-8 (at offset {err.start}); convert it to UTF-8") from None
    text = decode_bytes(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    return check_text(text)


def _stdin_items(text: str, fmt: str, opts: Options) -> Iterator[Item]:
    if fmt == "jsonl":
        yield from jsonl_items(text_lines(text), name=STDIN_NAME, stem="stdin", opts=opts)
    elif fmt == "csv":
        yield from csv_items(text, name=STDIN_NAME, stem="stdin", opts=opts)
    elif fmt == "html":
        yield html_article(text, default_id=stdin_id(text), origin=STDIN_NAME, opts=opts)
    else:
        yield text_article(text, default_id=stdin_id(text), origin=STDIN_NAME, opts=opts)


def read_stdin(stream: IO[Any] | None, opts: Options) -> Iterator[Item]:
    """Items from stdin, its format forced or sniffed."""
    try:
        text = _stdin_text(stream)
        yield from _stdin_items(text, opts.format or sniff_format(text), opts)
    except Rejected as rejected:
        yield Skip(STDIN_NAME, rejected.reason)
    except OSError as err:
        yield Skip(STDIN_NAME, f"cannot read: {err.strerror or err}")
