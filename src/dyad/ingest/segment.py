"""Headline and paragraph boundaries, as offsets into ``article.text``.

Paragraphs are blocks separated by blank lines; a text with no blank line at
all (one paragraph per line, as many feeds deliver) gets one paragraph per
non-empty line. A headline is always its own segment, so the parser can never
read it as the subject of the first sentence; a short unpunctuated title line
directly above prose is split off for the same reason. A block that ends with a
photo credit is a caption.
"""

from __future__ import annotations

import re
from typing import Literal

from dyad.model import Article, Segment

__all__ = ["segment", "segment_text"]

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Characters that end a sentence or clause; a line ending otherwise may be a title.
_TERMINAL = tuple(".!?:;,\"'\u201d\u2019)]\u2026-")
_TITLE_RATIO = 0.6  # a title line is well under this share of the line below it
# A photo credit closing a block ("AHMAD AL-RUBAYE/AFP via Getty Images", "Photo: ...")
# marks the block as a caption; matched by its shape, not by agency names.
_PHOTO_CREDIT = re.compile(
    r"(?:\b[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)+/\S.{0,60}|\((?:Photo|Photograph|Image)\b[^)]{0,80}\))\s*$"
    r"|^(?:Photo|Photograph|Image)(?: by|:)\s",
)

Span = tuple[int, int]
Line = Span | None  # trimmed span of a line, None for a blank line
SegmentKind = Literal["headline", "paragraph", "caption"]


def _lines(text: str) -> list[Line]:
    """Every line as a whitespace-trimmed span (None when blank)."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            lines.append((start, start + len(stripped)))
        else:
            lines.append(None)
        pos += len(raw) + 1
    return lines


def has_blank_line(text: str) -> bool:
    """True when a blank line separates two pieces of content."""
    return _BLANK_LINE.search(text.strip()) is not None


def _take_headline(lines: list[Line]) -> Segment | None:
    """Remove the first non-blank line, returning it as a headline segment."""
    for i, line in enumerate(lines):
        if line is not None:
            lines[i] = None  # acts as a separator: the headline ends its block
            return Segment(line[0], line[1], "headline")
    return None


def _blocks(lines: list[Line], per_line: bool) -> list[list[Span]]:
    """Consecutive non-blank lines grouped into blocks (or one block per line)."""
    blocks: list[list[Span]] = []
    current: list[Span] = []
    for line in [*lines, None]:
        if line is not None and not (per_line and current):
            current.append(line)
            continue
        if current:
            blocks.append(current)
        current = [line] if line is not None else []
    return blocks


def _is_title_line(text: str, line: Span, following: Span) -> bool:
    """A short unpunctuated line over a longer one that starts a sentence: a title
    (headline or caption title) typed without a blank line under it. Hard-wrapped
    prose does not match: its first line is as long as the next one."""
    first = text[line[0] : line[1]]
    short = (line[1] - line[0]) < _TITLE_RATIO * (following[1] - following[0])
    return short and not first.endswith(_TERMINAL) and text[following[0]].isupper()


def _split_title(text: str, block: list[Span]) -> list[list[Span]]:
    if len(block) >= 2 and _is_title_line(text, block[0], block[1]):
        return [block[:1], block[1:]]
    return [block]


def _paragraphs(text: str, lines: list[Line], per_line: bool) -> list[Segment]:
    """Paragraph (or caption) segments; a title line never shares a segment with prose."""
    out: list[Segment] = []
    for block in _blocks(lines, per_line):
        last = text[block[-1][0] : block[-1][1]]
        kind: SegmentKind = "caption" if _PHOTO_CREDIT.search(last) else "paragraph"
        out.extend(Segment(part[0][0], part[-1][1], kind) for part in _split_title(text, block))
    return out


def segment_text(text: str, *, headline: bool = False) -> list[Segment]:
    """Segments of ``text``; with ``headline`` the first non-empty line is the headline."""
    lines = _lines(text)
    per_line = not has_blank_line(text)
    first = _take_headline(lines) if headline else None
    rest = _paragraphs(text, lines, per_line)
    return [first, *rest] if first else rest


def _starts_with_title(article: Article) -> bool:
    """True when the text's first non-empty line is the article's title."""
    if not article.title:
        return False
    first = article.text.lstrip().split("\n", 1)[0].strip()
    return bool(first) and first == article.title.strip()


def segment(article: Article) -> list[Segment]:
    """Segments of an article: a headline when the text starts with its title, then paragraphs."""
    return segment_text(article.text, headline=_starts_with_title(article))
