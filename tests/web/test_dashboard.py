"""Each dashboard view in headless Chromium: it loads, a filter applies, an article opens."""

from __future__ import annotations

from .conftest import shot


def open_view(page, server, query: str = "") -> None:
    page.goto(f"{server.url}/?{query}")
    page.wait_for_selector("body[data-ready=true]", timeout=15000)


def test_timeline_stacks_types_and_filters_through_the_url(page, server):
    open_view(page, server, "view=timeline")
    assert page.locator("#timeline-svg rect.bar").count() > 0
    keys = set(page.eval_on_selector_all("#timeline-svg rect.bar", "els => els.map(e => e.dataset.key)"))
    assert {"ASSAULT", "AID", "PROTEST"} <= keys
    assert not any("countries" in u for u in page.requests)  # the map's outlines load only with the map
    shot(page, "timeline")
    page.select_option("#filters select[name=type]", "AID")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready=true]")
    assert "type=AID" in page.url
    keys = set(page.eval_on_selector_all("#timeline-svg rect.bar", "els => els.map(e => e.dataset.key)"))
    assert keys == {"AID"}
    page.select_option("#tl-by", "quad")
    page.wait_for_selector("body[data-ready=true]")
    keys = set(page.eval_on_selector_all("#timeline-svg rect.bar", "els => els.map(e => e.dataset.key)"))
    assert keys == {"material_cooperation"}


def test_map_clusters_events_over_country_outlines(page, server):
    open_view(page, server, "view=map")
    page.wait_for_selector(".leaflet-container")
    page.wait_for_selector(".marker-cluster", timeout=10000)
    assert "located events at 4 places" in page.inner_text("#map-note")
    assert page.locator(".marker-cluster").count() > 0
    # the outlines: one SVG path per country, in their own pane under the markers, served by the app
    countries = page.locator(".leaflet-countries-pane path.country")
    assert countries.count() > 100
    assert any(u.endswith("/-/countries.geojson") for u in page.requests)
    assert "shaded by their located events" in page.inner_text("#map-note")
    z = page.eval_on_selector(".leaflet-countries-pane",
                              "p => [getComputedStyle(p).zIndex, getComputedStyle(p).pointerEvents]")
    assert int(z[0]) < 400 and z[1] == "none"  # overlayPane (markers) is 400
    # shaded by located events: Kenya, Niger, Switzerland, Ukraine have some; Brazil none
    shaded = dict(page.eval_on_selector_all(".leaflet-countries-pane path.country",
                                            "els => els.map(e => [e.dataset.iso, +e.dataset.count])"))
    assert all(shaded[c] > 0 for c in ("KEN", "NER", "CHE", "UKR")) and shaded["BRA"] == 0
    fills = dict(page.eval_on_selector_all(".leaflet-countries-pane path.country",
                                           "els => els.map(e => [e.dataset.iso, e.getAttribute('fill')])"))
    assert fills["NER"] != fills["BRA"]
    shot(page, "map")
    # the outlines take no clicks: a point over land hits the map itself, and a cluster still zooms in
    box = page.locator("#map").bounding_box()
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.leaflet-countries-pane')",
                        [box["x"] + 5, box["y"] + box["height"] - 5])
    assert hit is None
    brazil = page.evaluate("() => { const p = state.map.latLngToContainerPoint([-10, -52]); return [p.x, p.y]; }")
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('path.country')",
                         [box["x"] + brazil[0], box["y"] + brazil[1]]) is None
    zoom = page.evaluate("() => state.map.getZoom()")
    page.locator(".marker-cluster").first.click()
    page.wait_for_function(f"() => state.map.getZoom() > {zoom}", timeout=10000)


def test_network_draws_pairs_and_filters_by_type(page, server):
    open_view(page, server, "view=network")
    names = page.eval_on_selector_all("#network-svg g.node", "els => els.map(e => e.dataset.name)")
    assert {"soldiers", "rebels", "Israel", "Iran"} <= set(names)
    shot(page, "network")
    open_view(page, server, "view=network&type=ACCUSE")
    names = page.eval_on_selector_all("#network-svg g.node", "els => els.map(e => e.dataset.name)")
    assert set(names) == {"Israel", "Iran"}
    assert page.locator("#network-svg line.edge").count() == 1


def test_event_table_filter_and_open_an_article(page, server):
    open_view(page, server, "view=events")
    assert page.locator("#events-table tbody tr").count() == 43
    page.fill("#filters input[name=actor]", "police")
    page.press("#filters input[name=actor]", "Enter")
    page.wait_for_selector("body[data-ready=true]")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == 1 and "actor=police" in page.url
    assert "Kenya Police Service" in rows.first.inner_text()
    shot(page, "events")
    rows.first.click()
    page.wait_for_selector("body[data-view=article][data-ready=true]")
    assert page.inner_text("#article-title") == "Clashes in Nairobi"
    assert "article=a1" in page.url
    kinds = set(page.eval_on_selector_all("#article-text .hl", "els => els.map(e => e.dataset.kind)"))
    assert kinds == {"actor", "trigger", "date", "place", "quote"}
    assert page.inner_text("#article-text .hl.trigger") == "clashed"
    shot(page, "article")


def test_state_survives_a_reload(page, server):
    open_view(page, server, "view=events&type=ACCUSE")
    assert page.input_value("#filters select[name=type]") == "ACCUSE"
    assert page.locator("#events-table tbody tr").count() == 1
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#events-table tbody tr").count() == 1


def test_article_view_lists_the_same_happening_in_other_reports(page, server):
    import httpx

    events = httpx.get(f"{server.url}/events?limit=1000").json()["data"]
    target = None
    for e in events:
        h = httpx.get(f"{server.url}/events/{e['id']}").json()["happening"]
        if h and h["n_articles"] > 1:
            target = e, h
            break
    assert target is not None, "the fake corpus repeats happenings across articles"
    e, h = target
    open_view(page, server, f"view=article&article={e['article_id']}&event={e['id']}")
    page.wait_for_selector("#article-happening:not([hidden])")
    items = page.locator("#happening-mentions li")
    assert items.count() == h["n_mentions"] - 1
    assert f"{h['n_mentions']} mentions in {h['n_articles']} articles" in page.inner_text("#happening-summary")
    shot(page, "article-happening")
    other = next(m for m in h["mentions"] if m["article_id"] != e["article_id"])
    page.click(f"#happening-mentions li[data-id='{other['event_id']}']")
    page.wait_for_selector("body[data-view=article][data-ready=true]")
    assert f"article={other['article_id']}" in page.url
    assert page.locator(".hl.trigger.focus").count() >= 1
