"""Every filter of Store.events(), alone and combined."""

from __future__ import annotations

import datetime as dt

import pytest

from store_fakes import result_a, result_b
from dyad.errors import InputError


@pytest.fixture
def full(store):
    store.add_many([result_a(), result_b()])
    return store


def types(records):
    return [r["event_type"] for r in records]


def test_no_filter_in_ingest_order(full):
    assert types(full.events()) == ["ASSAULT", "CONSULT", "ACCUSE"]


@pytest.mark.parametrize("actor, expected", [
    ("police", ["ASSAULT"]),              # mention text
    ("KENYA POLICE SERVICE", ["ASSAULT"]),  # canonical name, any case
    ("protest", ["ASSAULT"]),             # recipients count too
    ("iran", ["ACCUSE"]),
    ("nobody", []),
])
def test_actor(full, actor, expected):
    assert types(full.events(actor=actor)) == expected


def test_actor_is_literal_not_a_pattern(full):
    assert full.events(actor="%") == []


@pytest.mark.parametrize("country, expected", [
    ("KEN", ["ASSAULT", "CONSULT"]), ("usa", ["CONSULT"]), ("IRN", ["ACCUSE"]),
    (["ISR", "USA"], ["CONSULT", "ACCUSE"]), ("FRA", []),
])
def test_country(full, country, expected):
    assert types(full.events(country=country)) == expected


def test_event_type_one_or_many(full):
    assert types(full.events(event_type="assault")) == ["ASSAULT"]
    assert types(full.events(event_type=["ACCUSE", "CONSULT"])) == ["CONSULT", "ACCUSE"]


def test_status(full):
    assert types(full.events(status="speculative")) == ["CONSULT"]
    assert types(full.events(status=["asserted"])) == ["ASSAULT", "ACCUSE"]


def test_since_until_overlap(full):
    # ACCUSE spans 2023-05-01..07; ASSAULT is 2024-03-01; CONSULT has no date.
    assert types(full.events(since="2023-05-05")) == ["ASSAULT", "ACCUSE"]
    assert types(full.events(until="2023-05-03")) == ["ACCUSE"]
    assert types(full.events(since="2023-05-07", until="2023-05-07")) == ["ACCUSE"]
    assert types(full.events(since="2023-05-08", until="2024-02-29")) == []
    assert types(full.events(since=dt.date(2024, 3, 1))) == ["ASSAULT"]


def test_partial_dates(full):
    assert types(full.events(since="2024")) == ["ASSAULT"]
    assert types(full.events(until="2023-05")) == ["ACCUSE"]


def test_bad_date_is_input_error(full):
    with pytest.raises(InputError, match="since"):
        full.events(since="yesterday")


def test_article_id(full):
    assert types(full.events(article_id="b1")) == ["ACCUSE"]


def test_limit_offset(full):
    assert types(full.events(limit=1)) == ["ASSAULT"]
    assert types(full.events(limit=2, offset=1)) == ["CONSULT", "ACCUSE"]
    assert types(full.events(offset=2)) == ["ACCUSE"]


def test_combined(full):
    assert types(full.events(country="KEN", event_type="ASSAULT", status="asserted",
                             since="2024-01-01", actor="police")) == ["ASSAULT"]
    assert full.count_events(country="KEN") == 2


def test_events_df_pandas(full):
    from dyad.store import FLAT_COLUMNS

    df = full.events_df()
    assert list(df.columns) == list(FLAT_COLUMNS)
    assert list(df["event_type"]) == ["ASSAULT", "CONSULT", "ACCUSE"]
    row = df.iloc[0]
    assert row["actors"] == "Kenya Police Service" and row["recipients"] == "protesters"
    assert row["actor_countries"] == "KEN" and row["dead"] == 2 and row["location_name"] == "Nairobi"
    assert list(full.events_df(country="IRN")["id"]) == [r["id"] for r in full.events(country="IRN")]


def test_events_df_polars(full):
    import polars as pl

    df = full.events_df(engine="polars", event_type="ACCUSE")
    assert isinstance(df, pl.DataFrame)
    assert df["recipients"].to_list() == ["Iran"]
    assert df["date_start"].to_list() == [dt.date(2023, 5, 1)]


def test_events_df_bad_engine(full):
    with pytest.raises(InputError):
        full.events_df(engine="spark")


def test_flat_sql_matches_python_flatten(full):
    from dyad.store import flatten

    df = full.events_df()
    arts = {a["id"]: a for a in (full.article("a1"), full.article("b1"))}
    for record, (_, row) in zip(full.events(), df.iterrows()):
        expected = flatten(record, arts[record["article_id"]])
        got = {k: (None if _isna(v) else v) for k, v in row.items()}
        for key in ("date_start", "date_end", "published"):
            got[key] = got[key].date().isoformat() if got[key] is not None else None
        for key in ("dead", "injured", "arrested", "geonameid", "trigger_start", "trigger_end"):
            got[key] = int(got[key]) if got[key] is not None else None
        got["date_stated"] = bool(got["date_stated"])
        assert got == expected


def _isna(v):
    import pandas as pd

    return not isinstance(v, (list, dict)) and pd.isna(v)
