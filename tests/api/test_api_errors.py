"""Every error has one shape: {"error": {"code", "message", "status"}}."""

from __future__ import annotations

import pytest


def assert_error(resp, status, code=None):
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"code", "message", "status"} and err["status"] == status and err["message"]
    if code:
        assert err["code"] == code
    return err


@pytest.mark.parametrize("url", ["/events/nope", "/articles/nope", "/actors/nope", "/no/such/path"])
def test_404(client, url):
    assert_error(client.get(url), 404, "not_found")


@pytest.mark.parametrize("url", ["/events?limit=0", "/events?limit=x", "/events?sort=size",
                                 "/events?format=xml", "/events?bbox=1,2,3", "/events?bbox=a,b,c,d",
                                 "/events?since=yesterday", "/events?quad=conflict", "/events?cursor=%%%",
                                 "/stats/timeline?interval=hour", "/actors?offset=-1"])
def test_422(client, url):
    assert_error(client.get(url), 422)


def test_bad_date_names_the_parameter(client):
    assert "since" in assert_error(client.get("/events?since=soon"), 422)["message"]


def test_405(client):
    assert_error(client.delete("/events"), 405, "method_not_allowed")
    assert_error(client.put("/articles/a1", json={}), 405)


def test_bad_json_body_is_422(writer):
    resp = writer.post("/articles", content=b"{not json", headers={"Authorization": "Bearer s3cret-token",
                                                                   "Content-Type": "application/json"})
    assert_error(resp, 422)
