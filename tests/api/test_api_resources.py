"""Actors, articles, stats, version and health."""

from __future__ import annotations


def test_actors_are_aggregated_from_events(client):
    body = client.get("/actors").json()
    top = {a["name"]: a for a in body["data"][:2]}
    assert set(top) == {"soldiers", "rebels"}
    assert top["soldiers"]["events"] == 25 and top["soldiers"]["as_actor"] == 25
    assert top["rebels"]["as_recipient"] == 25 and top["rebels"]["as_actor"] == 0
    israel = next(a for a in body["data"] if a["name"] == "Israel")
    assert israel["events"] == 2 and israel["country"] == "ISR" and israel["sector"] == "GOV"
    assert israel["aliases"] == ["Israel"]


def test_actor_filters_and_paging(client):
    assert [a["name"] for a in client.get("/actors?name=polic").json()["data"]] == ["Kenya Police Service"]
    assert {a["name"] for a in client.get("/actors?sector=GOV").json()["data"]} == {"Israel", "Iran"}
    assert {a["name"] for a in client.get("/actors?type=ACCUSE").json()["data"]} == {"Israel", "Iran"}
    page = client.get("/actors?limit=2").json()
    assert len(page["data"]) == 2 and page["next_offset"] == 2


def test_one_actor(client):
    iran = next(a for a in client.get("/actors").json()["data"] if a["name"] == "Iran")
    body = client.get(f"/actors/{iran['id']}").json()
    assert body["as_recipient"] == 2 and body["by_type"] == {"ACCUSE": 1, "CONSULT": 1}
    assert body["timeline"] == [{"period": "2023-05-01", "count": 2}]
    assert body["partners"][0]["name"] == "Israel" and body["partners"][0]["events"] == 2


def test_unknown_actor_is_404(client):
    resp = client.get("/actors/0000000000000000")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"


def test_articles_list_and_one_article_with_spans(client):
    listing = client.get("/articles?limit=2").json()
    assert [a["id"] for a in listing["data"]] == ["a1", "b1"] and listing["next_offset"] == 2
    body = client.get("/articles/a1").json()
    assert body["title"] == "Clashes in Nairobi" and len(body["events"]) == 1
    text = body["text"]
    kinds = {s["kind"] for s in body["spans"]}
    assert kinds == {"trigger", "actor", "date", "place", "quote"}
    for span in body["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    trigger = next(s for s in body["spans"] if s["kind"] == "trigger")
    assert trigger["events"] == [body["events"][0]["id"]]
    date = next(s for s in body["spans"] if s["kind"] == "date")
    assert date["events"] and date["value"] == "2024-03-01"  # event date and time merged into one span


def test_timeline_by_type_and_quad(client):
    body = client.get("/stats/timeline?interval=month&by=type").json()
    assert body["keys"][0] == "ASSAULT"
    assert sum(p["total"] for p in body["series"]) == 28
    assert body["series"][0]["period"] == "2023-05-01"
    quads = client.get("/stats/timeline?interval=week&by=quad&since=2024").json()
    assert set(quads["keys"]) <= {"material_conflict", "material_cooperation", "verbal_cooperation"}
    assert sum(quads["totals"].values()) == 26


def test_dyads(client):
    data = client.get("/stats/dyads").json()["data"]
    assert data[0]["source"]["name"] == "soldiers" and data[0]["target"]["name"] == "rebels"
    assert data[0]["count"] == 25
    pair = next(d for d in data if d["source"]["name"] == "Israel")
    assert pair["count"] == 2 and pair["types"] == {"ACCUSE": 1, "CONSULT": 1}
    only = client.get("/stats/dyads?type=ACCUSE").json()["data"]
    assert len(only) == 1 and only[0]["count"] == 1


def test_locations(client):
    data = client.get("/stats/locations").json()["data"]
    assert {d["name"] for d in data} == {"Nairobi", "Niamey", "Kyiv", "Geneva"}
    assert sum(d["count"] for d in data) == 27
    assert client.get("/stats/locations?bbox=0,40,10,50").json()["data"][0]["name"] == "Geneva"


def test_version_and_health(client):
    version = client.get("/-/version").json()
    assert version["dyad"] and version["store_schema"] >= 3 and version["writable"] is False
    health = client.get("/health").json()
    assert health == {"status": "ok", "articles": 27, "events": 28, "by_type": health["by_type"]}


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/events", "/events/{event_id}", "/actors", "/actors/{actor_id}", "/articles",
                 "/articles/{article_id}", "/stats/timeline", "/stats/dyads", "/-/version", "/health"):
        assert path in paths
    assert "post" in paths["/articles"]
