"""HTML pages: main text extracted with trafilatura; title and date from the page's metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from dyad.ingest.build import add_warning, build_article, checked_body, split_record
from dyad.ingest.checks import Rejected, decode_bytes
from dyad.ingest.files import read_bytes, read_sidecar
from dyad.ingest.options import Columns, Options
from dyad.ingest.segment import segment_text
from dyad.model import Article, Skip

__all__ = ["read_html_file", "html_article", "looks_like_html", "extract_html"]

# Markup outweighs text several times over; a page beyond this many bytes per
# allowed character is refused before it is parsed.
_MARKUP_FACTOR = 10
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|!--)", re.I)
_HTML_TAG = re.compile(r"</?(?:html|head|body|p|div|article|h[1-6]|span|br|title)\b", re.I)
_SPACES = re.compile(r"[^\S\n]+")


@dataclass(slots=True)
class Extracted:
    """What dyad keeps from trafilatura's extraction."""

    title: str | None
    paragraphs: list[str]
    fields: dict[str, Any] = field(default_factory=dict)


def looks_like_html(text: str) -> bool:
    """True for a document that starts like HTML or is mostly markup near its start."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or (head.lstrip().startswith("<") and bool(_HTML_TAG.search(head)))


def _clean(text: str) -> str:
    """One paragraph: spaces collapsed, kept line breaks (<br>) but no blank lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _element_texts(body: etree._Element) -> Iterator[tuple[str, str]]:
    """(tag, text) for each block of trafilatura's output; list items one by one."""
    for lb in body.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")  # a <br> inside a paragraph stays a line break
    for element in body:
        items = element.iter("item") if element.tag == "list" else [element]
        for item in items:
            yield str(element.tag), _clean("".join(item.itertext()))


def _paragraphs(body: etree._Element | None, title: str | None) -> list[str]:
    """Body paragraphs, without the page's own <h1> when it repeats the title."""
    if body is None:
        return []
    out = [text for _, text in _element_texts(body) if text]
    if out and title and out[0] == _clean(title):
        out = out[1:]
    return out


def extract_html(html: str) -> Extracted:
    """Title, paragraphs and metadata of a page (raises :class:`Rejected` when unparsable)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it
    from trafilatura.settings import set_date_params

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            # only dates the page states in its metadata, no guessing from the text
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError, etree.LxmlError) as err:
        raise Rejected(f"HTML could not be parsed: {err}") from None
    if doc is None:
        return Extracted(None, [])
    title = doc.title or None
    fields = {"title": title, "published": doc.date, "url": doc.url, "source": doc.sitename or doc.hostname}
    return Extracted(title, _paragraphs(doc.body, title), fields)


def html_article(html: str, *, default_id: str, origin: str, opts: Options,
                 sidecar: dict[str, Any] | None = None, warning: str | None = None) -> Article:
    """A decoded page -> a segmented Article; the title is kept out of ``text``."""
    page = extract_html(html)
    if not page.paragraphs:
        raise Rejected("HTML with no text")
    text = checked_body("\n\n".join(page.paragraphs), opts.max_chars)
    side_fields, extra = split_record(sidecar or {}, Columns())
    side_fields.pop("text", None)
    fields = {**page.fields, **{k: v for k, v in side_fields.items() if v is not None}}
    article = build_article(fields, add_warning(extra, warning), text=text,
                            default_id=default_id, origin=origin, opts=opts)
    article.segments = segment_text(text)
    return article


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def read_html_file(path: Path, opts: Options) -> Iterator[Article | Skip]:
    """One ``.html`` file (and its ``NAME.meta.json``) -> one Article or Skip."""
    try:
        data = read_bytes(path, _MARKUP_FACTOR * opts.max_chars)
        html = decode_bytes(data, _declared_charset(data))
        sidecar, warning = read_sidecar(path)
        yield html_article(html, default_id=path.stem, origin=str(path), opts=opts,
                           sidecar=sidecar, warning=warning)
    except Rejected as rejected:
        yield Skip(str(path), rejected.reason)
