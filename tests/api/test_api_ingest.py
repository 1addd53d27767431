"""POST /articles: refused without a configured token, 401 on a wrong one, stored on the right one."""

from __future__ import annotations

from .conftest import TOKEN
from .test_api_errors import assert_error

ARTICLE = {"id": "new-1", "title": "Students march", "text": "Students marched through the capital.",
           "published": "2024-06-02"}


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_refused_when_no_token_is_configured(client):
    assert_error(client.post("/articles", json=ARTICLE, headers=auth(TOKEN)), 403, "writes_disabled")


def test_missing_or_wrong_token_is_401(writer):
    assert_error(writer.post("/articles", json=ARTICLE), 401)
    err = assert_error(writer.post("/articles", json=ARTICLE, headers=auth("wrong")), 401)
    assert err["message"] == "wrong token"
    assert writer.get("/articles/new-1").status_code == 404


def test_right_token_ingests_one_article(writer):
    resp = writer.post("/articles", json=ARTICLE, headers=auth(TOKEN))
    assert resp.status_code == 200, resp.text
    assert resp.json() | {"skipped": []} == {"added": 1, "events": 1, "already": 0, "unreadable": 0,
                                             "skipped": [], "ids": ["new-1"]}
    article = writer.get("/articles/new-1").json()
    assert article["published"] == "2024-06-02" and article["events"][0]["event_type"] == "PROTEST"
    assert writer.get("/events?type=PROTEST&q=capital").json()["total"] == 1
    again = writer.post("/articles", json=ARTICLE, headers=auth(TOKEN)).json()
    assert again["added"] == 0 and again["already"] == 1


def test_many_articles_and_a_bad_one(writer):
    body = {"articles": [{"text": "Farmers protested prices."}, {"text": "   "}]}
    result = writer.post("/articles", json=body, headers=auth(TOKEN)).json()
    assert result["added"] == 1 and result["unreadable"] == 1
    assert result["skipped"][0]["origin"] == "POST /articles[1]"
    assert result["ids"][0].startswith("api-")


def test_token_from_the_environment(store, monkeypatch):
    import warnings

    from dyad.api import create_app

    from .fakes import fake_pipe

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    monkeypatch.setattr("dyad.pipeline.pipe", fake_pipe)
    monkeypatch.setenv("DYAD_API_TOKEN", "from-env")
    with TestClient(create_app(store=store)) as c:
        assert c.post("/articles", json=ARTICLE, headers=auth("from-env")).json()["added"] == 1


def test_validation_of_the_body(writer):
    assert_error(writer.post("/articles", json={"title": "no text"}, headers=auth(TOKEN)), 422)
    assert_error(writer.post("/articles", json={"articles": []}, headers=auth(TOKEN)), 422)


def test_reads_answer_while_an_ingest_runs(writer, monkeypatch):
    import threading

    from .fakes import posted_result

    started, release = threading.Event(), threading.Event()

    def slow_pipe(articles, **_):
        for art in articles:
            started.set()
            assert release.wait(10)
            yield posted_result(art)

    monkeypatch.setattr("dyad.pipeline.pipe", slow_pipe)
    result = {}
    post = threading.Thread(target=lambda: result.update(
        writer.post("/articles", json=ARTICLE, headers=auth(TOKEN)).json()))
    post.start()
    try:
        assert started.wait(10)
        assert writer.get("/events?limit=1").status_code == 200  # answered while the ingest is held
        assert writer.get("/health").json()["articles"] == 27
    finally:
        release.set()
        post.join(10)
    assert result["added"] == 1
