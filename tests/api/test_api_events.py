"""GET /events and /events/{id}: filters, sort, cursor pages, CSV."""

from __future__ import annotations

import csv
import io

import pytest

from dyad.store.flat import FLAT_COLUMNS


def ids(resp):
    return [e["id"] for e in resp.json()["data"]]


def test_lists_every_event_in_ingest_order(client, store):
    body = client.get("/events").json()
    assert body["total"] == store.count_events() == 28
    assert [e["id"] for e in body["data"]] == [e["id"] for e in store.events()]
    assert body["next"] is None


@pytest.mark.parametrize(("query", "expected"), [
    ("type=ACCUSE", 1), ("type=accuse,consult", 2), ("type=ACCUSE&type=CONSULT", 2),
    ("quad=verbal_conflict", 1), ("status=speculative", 1), ("actor=police", 1), ("country=IRN", 2),
    ("since=2023-01-01&until=2023-12-31", 2), ("q=TALKS", 2), ("bbox=35,-2,37,0", 9),
    ("bbox=0,40,40,55&type=CONSULT", 1),
])
def test_filters(client, query, expected):
    body = client.get(f"/events?{query}").json()
    assert body["total"] == expected == len(body["data"])


def test_filters_match_the_store(client, store):
    got = ids(client.get("/events?type=ASSAULT&since=2024-02"))
    assert got == [e["id"] for e in store.events(event_type="ASSAULT", since="2024-02")]


def test_cursor_round_trip_visits_every_event_once(client, store):
    seen, cursor, pages = [], None, 0
    while True:
        url = "/events?limit=5&sort=-date" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen += [(e["date"]["start"], e["id"]) for e in body["data"]]
        pages += 1
        cursor = body["next"]
        if not cursor:
            break
        assert body["next_url"].endswith(cursor)
    assert pages == 6
    assert len(seen) == len({i for _, i in seen}) == store.count_events()
    dates = [d or "" for d, _ in seen]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("sort", ["ingest", "-ingest", "date", "confidence", "-confidence"])
def test_every_sort_pages_consistently(client, sort):
    whole = ids(client.get(f"/events?sort={sort}&limit=1000"))
    first = client.get(f"/events?sort={sort}&limit=10").json()
    second = client.get(f"/events?sort={sort}&limit=1000&cursor={first['next']}").json()
    assert [e["id"] for e in first["data"]] + [e["id"] for e in second["data"]] == whole


def test_cursor_of_another_sort_is_refused(client):
    cursor = client.get("/events?limit=2&sort=date").json()["next"]
    resp = client.get(f"/events?limit=2&sort=confidence&cursor={cursor}")
    assert resp.status_code == 422
    assert "sort" in resp.json()["error"]["message"]


def test_csv_format(client, store):
    resp = client.get("/events?format=csv&type=ASSAULT&limit=3")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert len(rows) == 3 and all(r["event_type"] == "ASSAULT" for r in rows)
    assert rows[0]["actors"] == "Kenya Police Service"
    nxt = resp.headers["X-Next-Cursor"]
    rest = client.get(f"/events?format=csv&type=ASSAULT&limit=1000&cursor={nxt}")
    more = list(csv.DictReader(io.StringIO(rest.text)))
    assert len(rows) + len(more) == store.count_events(event_type="ASSAULT")
    assert "X-Next-Cursor" not in rest.headers


def test_one_event_with_spans(client, store):
    ev = store.events(event_type="ASSAULT", limit=1)[0]
    body = client.get(f"/events/{ev['id']}").json()
    assert body["id"] == ev["id"] and body["sentence"] == ev["sentence"]
    assert body["mentions"] == ev["mentions"]
    assert body["article"]["title"] == "Clashes in Nairobi"
    text = store.article("a1")["text"]
    kinds = {s["kind"] for s in body["spans"]}
    assert kinds == {"trigger", "actor", "recipient", "date", "place"}
    assert all(text[s["start"]:s["end"]] == s["text"] for s in body["spans"])


def test_one_event_with_its_happening(client, store):
    """Every event says which real-world happening it is a mention of, with the other
    mentions of it in this and other articles."""
    from dyad.store import clusters as store_clusters

    rows = store_clusters.clusters(store._con)
    big = max(rows, key=lambda r: len(r["event_ids"]))
    eid = big["event_ids"][0]
    body = client.get(f"/events/{eid}").json()
    h = body["happening"]
    assert h["cluster_id"] == big["id"] and h["n_mentions"] == big["n_mentions"]
    assert sorted(m["event_id"] for m in h["mentions"]) == sorted(big["event_ids"])
    assert all(m["sentence"] and m["trigger"] for m in h["mentions"])
    assert h["representative_event_id"] in big["event_ids"]
