"""Merging the mentions of one happening within an article."""

from __future__ import annotations

from dedup_fakes import AYOROU, NIAMEY, actor, attack, ev

from dyad.dedup.compat import DateWindow, date_window, dates_compatible
from dyad.dedup.within import merge_article


def test_anaphoric_nominal_merged_with_richest_fields():
    first = ev("a", 10, "stormed", actors=[actor("gunmen", sector="REB")],
               recipients=[actor("army post", "NER", "MIL")], place=AYOROU)
    later = ev("a", 300, "attack", day="2023-03-06", stated=False, sentence="Sunday's attack",
               recipients=[actor("army post", "NER", "MIL")],
               place=dict(name="Niger", country="NER", precision="country", source="sentence"))
    merged = merge_article([later, first])
    assert len(merged) == 1
    m = merged[0]
    assert [(x.start, x.end) for x in m.mentions] == [(10, 17), (300, 306)]
    assert m.id == first.id and m.date.stated and m.location.name == "Ayorou" and m.actors


def test_two_visits_two_months_apart_stay_apart():
    dussey, goita = [actor("Dussey", "TGO", "GOV")], [actor("Goita", "MLI", "GOV")]
    a = ev("a", 10, "visited", "CONSULT", actors=dussey, recipients=goita, day="2023-03-01")
    b = ev("a", 90, "visited", "CONSULT", actors=dussey, recipients=goita, day="2023-05-02")
    assert len(merge_article([a, b])) == 2


def test_incompatible_actors_apart():
    a = attack("a", 10)
    b = ev("a", 90, "attacked", actors=[actor("Malian troops", "MLI", "MIL")],
           recipients=[actor("army post", "NER", "MIL")], place=AYOROU)
    assert len(merge_article([a, b])) == 2


def test_far_places_and_other_status_apart():
    a = attack("a", 10)
    far = ev("a", 90, "attacked", actors=[actor("gunmen", sector="REB")], place=NIAMEY)
    denied = attack("a", 200, status="negated")
    assert len(merge_article([a, far, denied])) == 3


def test_merge_false_and_idempotent():
    events = [attack("a", 10), attack("a", 50)]
    assert merge_article(events, merge=False) == events
    once = merge_article(events)
    assert len(once) == 1 and merge_article(once)[0].mentions == once[0].mentions


def test_date_tolerance_depends_on_precision():
    day = date_window(ev("a", 1, "x", day="2023-03-05"))
    assert dates_compatible(day, date_window(ev("a", 1, "x", day="2023-03-06")))
    assert not dates_compatible(day, date_window(ev("a", 1, "x", day="2023-03-08")))
    week = date_window(ev("a", 1, "x", day="2023-03-09", precision="week"))
    assert dates_compatible(day, week)
    month = date_window(ev("a", 1, "x", day="2023-03", precision="month"))
    assert dates_compatible(day, month)
    assert not dates_compatible(day, date_window(ev("a", 1, "x", day="2023-04", precision="month")))
    undated = DateWindow(None, None, False)
    assert dates_compatible(day, undated)
