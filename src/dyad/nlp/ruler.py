"""An entity ruler built from the actor knowledge files.

The statistical NER of the small and medium English pipelines misreads some known
actors: a person's name tagged ORG or GPE, a name split in two ("Jean - Pierre"), an
organisation left untagged. The ruler adds the names we know, as exact phrase
patterns (case-sensitive token text, no regular expressions), after the NER:

* people: every name and alias of two or more words, as PERSON;
* organisations: every name and alias of two or more words, as ORG.

Single words are left to the NER: one word is too often something else ("Chad",
"Jordan", "Hamas" as a word in a quote). ``overwrite_ents`` lets a whole known name
replace the NER's shorter or mislabelled span; a span the NER found that overlaps no
known name is kept. The patterns are built once per process (about 0.1 s) and the
phrase matcher costs a few percent of the pipeline's time (BENCHMARKS.md).
"""

from __future__ import annotations

from typing import Any

__all__ = ["knowledge_patterns", "add_entity_ruler", "RULER_NAME"]

RULER_NAME = "dyad_actor_ruler"


def knowledge_patterns() -> list[dict[str, str]]:
    """Phrase patterns (label, pattern) for the multi-word names in our knowledge files."""
    from ..resolve.actors.knowledge import load_knowledge

    kb = load_knowledge()
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, str]] = []

    def add(label: str, text: Any) -> None:
        name = str(text or "").strip()
        if len(name.split()) < 2 or not name[0].isalpha() or (label, name) in seen:
            return
        seen.add((label, name))
        out.append({"label": label, "pattern": name})

    for person in kb.people.values():
        for alias in [person.get("name"), *(person.get("aliases") or [])]:
            add("PERSON", alias)
    for org in kb.orgs.values():
        for alias in [org.get("name"), *(org.get("aliases") or [])]:
            add("ORG", alias)
            if alias and not str(alias).lower().startswith("the "):
                # the NER's organisation spans keep their article ("The European Union"): so do ours
                add("ORG", f"The {alias}")
                add("ORG", f"the {alias}")
    return out


def add_entity_ruler(nlp: Any) -> Any:
    """Add the knowledge ruler after the NER of ``nlp`` (once); returns the pipeline."""
    if RULER_NAME in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return nlp
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, after="ner",
                         config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):  # the patterns need the tokenizer only, not the whole pipeline
        ruler.add_patterns(knowledge_patterns())
    return nlp
