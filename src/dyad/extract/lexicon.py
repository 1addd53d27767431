"""Load and validate the trigger lexicon (``data/lexicon/triggers_*.yaml``).

The format is documented in ``data/lexicon/README.md``. Entries are indexed by
(lemma, pos) so that matching a token costs one dict lookup.

Beyond the README: ``complement`` (a list of lemmas, classes allowed) requires the trigger's
clausal complement to be headed by one of them ("ordered the envoy *to leave*", "vowed the attack
would not go *unanswered*"); it counts as a constraint. In ``object``/``subject``/``complement``
lists, ``ent:<label>`` admits a named entity of that spaCy label ("ent:person") and ``*`` admits
any object (or, in ``complement``, any clausal complement of the trigger itself).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..datafiles import YAML_LOADER, data_path
from ..errors import KnowledgeError
from ..model import PLOVER_TYPES

__all__ = ["TriggerEntry", "Lexicon", "load_lexicon", "quad_for_cameo"]

_VERB_ACTOR = ("nsubj", "agent")
_VERB_RECIPIENT = ("dobj",)
_NOUN_ACTOR = ("poss", "by", "compound", "amod")
_CAMEO_RE = re.compile(r"^\d{2,4}$")
_POS = {"verb": "VERB", "noun": "NOUN"}

_Loader = YAML_LOADER


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One trigger pattern. Sets hold lemmas, already expanded from @classes."""

    id: str
    lemma: str
    pos: str  # spaCy coarse POS: VERB or NOUN
    type: str
    cameo: str
    mode: str | None = None
    particle: str | None = None
    prep: str | None = None
    object: frozenset[str] | None = None
    modifier: frozenset[str] | None = None
    subject: frozenset[str] | None = None
    not_modifier: frozenset[str] | None = None
    #: lemmas one of which must head the trigger's clausal complement ("ordered the envoy to *leave*")
    complement: frozenset[str] | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    content: bool = False
    order: int = 0

    @property
    def n_constraints(self) -> int:
        return sum(x is not None for x in (self.particle, self.prep, self.object, self.modifier, self.subject,
                                           self.complement))


@dataclass(slots=True)
class Lexicon:
    by_key: dict[tuple[str, str], list[TriggerEntry]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def candidates(self, lemma: str, pos: str) -> list[TriggerEntry]:
        return self.by_key.get((lemma, pos), [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_key.values())

    def entries(self) -> list[TriggerEntry]:
        return [e for v in self.by_key.values() for e in v]


def quad_for_cameo(cameo: str | None) -> str | None:
    """CAMEO roots 01-05, 06-08, 09-13, 14-20 -> the four quad classes."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if 1 <= root <= 5:
        return "verbal_cooperation"
    if 6 <= root <= 8:
        return "material_cooperation"
    if 9 <= root <= 13:
        return "verbal_conflict"
    if 14 <= root <= 20:
        return "material_conflict"
    return None


def _as_tuple(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, bool) or (isinstance(value, list) and any(isinstance(v, bool) for v in value)):
        # YAML reads bare on/off/yes/no as booleans
        raise KnowledgeError("a word was read as true/false: quote on, off, yes and no", code="E410")
    if isinstance(value, str):
        return (value.lower(),)
    return tuple(str(v).lower() for v in value)


def _expand(words: tuple[str, ...] | None, classes: dict[str, list[str]], where: str) -> frozenset[str] | None:
    if words is None:
        return None
    out: set[str] = set()
    for word in words:
        if word.startswith("@"):
            if word[1:] not in classes:
                raise KnowledgeError(f"{where}: unknown class {word}", code="E401")
            out.update(str(w).lower() for w in classes[word[1:]])
        else:
            out.add(word)
    return frozenset(out)


def _entry(raw: dict[str, Any], classes: dict[str, list[str]], where: str, order: int) -> TriggerEntry:
    for key in ("lemma", "pos", "type", "cameo"):
        if not raw.get(key):
            raise KnowledgeError(f"{where}: missing '{key}'", code="E402")
    pos = _POS.get(str(raw["pos"]).lower())
    if pos is None:
        raise KnowledgeError(f"{where}: pos must be verb or noun, not {raw['pos']!r}", code="E403")
    etype = str(raw["type"]).upper()
    if etype not in PLOVER_TYPES:
        raise KnowledgeError(f"{where}: unknown PLOVER type {etype!r}", code="E404")
    cameo = str(raw["cameo"]).strip()
    if not _CAMEO_RE.match(cameo):
        raise KnowledgeError(f"{where}: CAMEO code must be 2-4 digits, not {cameo!r}", code="E405")
    is_verb = pos == "VERB"
    recipient = _as_tuple(raw.get("recipient"))
    if recipient is None:
        recipient = _VERB_RECIPIENT if is_verb else ()
    actor = _as_tuple(raw.get("actor")) or (_VERB_ACTOR if is_verb else _NOUN_ACTOR)
    if not is_verb:  # a noun's possessor/modifier is its actor unless the entry makes it the recipient
        actor = actor + tuple(s for s in _NOUN_ACTOR if s not in actor and s not in recipient)
    lemma = str(raw["lemma"]).lower().strip()
    return TriggerEntry(
        id=f"{lemma}.{pos.lower()}.{order}", lemma=lemma, pos=pos, type=etype, cameo=cameo,
        mode=(str(raw["mode"]).strip() or None) if raw.get("mode") else None,
        particle=(str(raw["particle"]).lower() if raw.get("particle") else None),
        prep=(str(raw["prep"]).lower() if raw.get("prep") else None),
        object=_expand(_as_tuple(raw.get("object")), classes, where),
        modifier=_expand(_as_tuple(raw.get("modifier")), classes, where),
        subject=_expand(_as_tuple(raw.get("subject")), classes, where),
        not_modifier=_expand(_as_tuple(raw.get("not_modifier")), classes, where),
        complement=_expand(_as_tuple(raw.get("complement")), classes, where),
        actor=actor, recipient=recipient, content=bool(raw.get("content", False)), order=order,
    )


def _signature(e: TriggerEntry) -> tuple[Any, ...]:
    return (e.lemma, e.pos, e.particle, e.prep, e.object, e.modifier, e.subject, e.not_modifier, e.complement)


def _read(path: Path | Any, name: str) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: invalid YAML ({str(exc).splitlines()[0]})", code="E406") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise KnowledgeError(f"{name}: expected a mapping with an 'entries' list", code="E407")
    return data


def _lexicon_files(extra: tuple[str, ...]) -> list[tuple[str, Any]]:
    base = data_path("lexicon")
    files = sorted((p.name, p) for p in base.iterdir() if p.name.startswith("triggers_") and p.name.endswith(".yaml"))
    return files + [(str(p), Path(p)) for p in extra]


@functools.lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """All trigger files (ours, then ``extra`` user files), validated and indexed."""
    lex = Lexicon()
    seen: dict[tuple[Any, ...], str] = {}
    order = 0
    for name, path in _lexicon_files(extra):
        data = _read(path, name)
        classes = data.get("classes") or {}
        for i, raw in enumerate(data["entries"], 1):
            where = f"{name} entry {i}"
            if not isinstance(raw, dict):
                raise KnowledgeError(f"{where}: expected a mapping", code="E408")
            entry = _entry(raw, classes, where, order)
            order += 1
            sig = _signature(entry)
            if sig in seen:
                raise KnowledgeError(f"{where}: duplicates {seen[sig]} ({entry.lemma}/{entry.pos})", code="E409")
            seen[sig] = where
            lex.by_key.setdefault((entry.lemma, entry.pos), []).append(entry)
        lex.files.append(name)
    return lex
