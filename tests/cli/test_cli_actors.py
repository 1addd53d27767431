"""`dyad actors` (--explain, --learned) and the reuse of learned actors by `dyad ingest`
(--no-learned-actors), on a fake pipeline that codes like the real coder: a name with an
apposition gets codes; a bare surname only through the knowledge it is given."""

from __future__ import annotations

import json

import pytest

from dyad.cli import main
from dyad.model import ActorRef, Event, EventDate, Mention, Span, stable_id
from dyad.pipeline import ArticleResult
from dyad.resolve.actors.knowledge import load_knowledge

FIRST = {"id": "t1", "published": "2024-03-04",
         "text": "Almahdi Ag Tamaket, a Malian rebel leader, attacked a convoy near Menaka."}
LATER = {"id": "t2", "published": "2024-04-01", "text": "Ag Tamaket attacked a market near Gao."}
OTHER = {"id": "t3", "published": "2024-04-02",
         "text": "Almahdi Ag Tamaket, a Burkinabe rebel leader, attacked a convoy near Djibo."}


def _code(text: str, learned: str | None) -> ActorRef:
    """The actor of the sentence: its apposition gives the codes, else the knowledge."""
    head = text.split(" attacked")[0].rstrip(",")
    if ", " in head:
        name, apposition = head.split(", ", 1)
        country = "MLI" if "Malian" in apposition else "BFA"
        return ActorRef(text=head, start=0, end=len(head), name=name, country=country, sector="REB", kind="person")
    kb = load_knowledge(learned=learned) if learned else load_knowledge()
    known = (kb.people_by_alias.get(head.lower()) or [None])[0]
    if known is None:
        return ActorRef(text=head, start=0, end=len(head), name=head, kind="person")
    return ActorRef(text=head, start=0, end=len(head), name=known["name"], country=known["country"],
                    sector=known["roles"][0]["sector"], actor_id=known["id"], kind="person")


@pytest.fixture
def seen(monkeypatch):
    """Replaces the pipeline; records the learned-actors file each run was given."""
    calls: list[str | None] = []

    def pipe(articles, *, learned_actors=None, **_):
        calls.append(learned_actors)
        for art in articles:
            at = art.text.index("attacked")
            ref = _code(art.text, learned_actors)
            ev = Event(id=stable_id(art.id, at), article_id=art.id, event_type="ASSAULT",
                       trigger=Span("attacked", at, at + 8), sentence=art.text, actors=[ref],
                       date=EventDate(start=art.published.isoformat(), end=art.published.isoformat()),
                       mentions=[Mention(art.id, at, at + 8)], sentence_end=len(art.text))
            yield ArticleResult(article=art, events=[ev])

    monkeypatch.setattr("dyad.pipeline.pipe", pipe)
    return calls


def run(runner, *args):
    result = runner.invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def ingest(runner, tmp_path, db, *records, options=()):
    path = tmp_path / f"in{len(list(tmp_path.glob('in*.jsonl')))}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return run(runner, "ingest", path, "--db", db, *options)


def jsonl(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_learned_in_one_run_reused_in_the_next(runner, tmp_path, db, seen):
    ingest(runner, tmp_path, db, FIRST)
    assert seen == [None]  # nothing learned yet
    [rec] = json.loads(run(runner, "actors", "--learned", "--db", db, "--format", "json").stdout)
    assert (rec["id"], rec["status"], rec["country"], rec["sector"]) == \
        ("learned-almahdi-ag-tamaket", "learned", "MLI", "REB")
    assert "Ag Tamaket" in rec["aliases"]
    assert rec["evidence"][0]["article_id"] == "t1"
    assert rec["why"] == "learned from 1 article: t1 'Almahdi Ag Tamaket, a Malian rebel leader' (MLI, REB)"

    ingest(runner, tmp_path, db, LATER)
    assert seen[1] is not None  # the second run was given the learned actors
    [row] = jsonl(run(runner, "actors", "--db", db, "--explain", "--format", "jsonl", "--query", "tamaket"))
    assert (row["name"], row["country"], row["sector"], row["events"]) == ("Almahdi Ag Tamaket", "MLI", "REB", 2)
    assert row["why"].startswith("learned from 1 article: t1 ")
    assert "also mentioned as 'Ag Tamaket'" in row["why"]


def test_no_learned_actors(runner, tmp_path, db, seen):
    ingest(runner, tmp_path, db, FIRST)
    ingest(runner, tmp_path, db, LATER, options=["--no-learned-actors"])
    assert seen == [None, None]
    rows = jsonl(run(runner, "actors", "--db", db, "--explain", "--format", "jsonl", "--query", "tamaket"))
    by_text = {tuple(r["aliases"]): r for r in rows}
    bare = by_text[("Ag Tamaket",)]
    assert (bare["country"], bare["events"]) == (None, 1)
    assert bare["why"] == "same name and country: 'Ag Tamaket', no country"


def test_conflicting_name_is_not_learned(runner, tmp_path, db, seen):
    ingest(runner, tmp_path, db, FIRST, OTHER)
    [rec] = json.loads(run(runner, "actors", "--learned", "--db", db, "--format", "json").stdout)
    assert rec["status"] == "conflict"
    assert "(MLI, REB) in t1" in rec["why"] and "(BFA, REB) in t3" in rec["why"]
    ingest(runner, tmp_path, db, LATER)
    assert seen[-1] is None  # nothing to give the coder
    table = run(runner, "actors", "--learned", "--db", db).stdout
    assert "conflict" in table and "Almahdi Ag Tamaket" in table


def test_explain_table(runner, tmp_path, db, seen):
    ingest(runner, tmp_path, db, FIRST, LATER)
    out = run(runner, "actors", "--db", db, "--explain").stdout
    assert "why" in out and "learned from 1" in out and "same name and country" in out
    plain = run(runner, "actors", "--db", db).stdout
    assert "why" not in plain


def test_plain_listing_keeps_its_fields(runner, loaded):
    rows = jsonl(run(runner, "actors", "--db", loaded, "--format", "jsonl"))
    assert rows and set(rows[0]) == {"id", "name", "country", "sector", "kind", "aliases", "events", "as_actor",
                                     "as_recipient", "first", "last"}
    police = next(r for r in rows if r["name"] == "Police")
    assert (police["country"], police["events"], police["as_actor"]) == ("KEN", 1, 1)
    assert [r["name"] for r in jsonl(run(runner, "actors", "--db", loaded, "--format", "jsonl",
                                         "--country", "irn"))] == ["Iran", "Israel"]


def test_learned_query_and_empty(runner, tmp_path, db, seen):
    ingest(runner, tmp_path, db, FIRST)
    assert json.loads(run(runner, "actors", "--learned", "--db", db, "--query", "tamaket",
                          "--format", "json").stdout)[0]["name"] == "Almahdi Ag Tamaket"
    assert json.loads(run(runner, "actors", "--learned", "--db", db, "--query", "nobody",
                          "--format", "json").stdout) == []
    result = run(runner, "actors", "--learned", "--db", db, "--country", "NER")
    assert "no learned actors" in result.stderr
