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


def test_map_clusters_events(page, server):
    open_view(page, server, "view=map")
    page.wait_for_selector(".leaflet-container")
    page.wait_for_selector(".marker-cluster", timeout=10000)
    assert "located events at 4 places" in page.inner_text("#map-note")
    assert page.locator(".marker-cluster").count() > 0
    shot(page, "map")


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
