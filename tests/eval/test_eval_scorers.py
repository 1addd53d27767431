"""Each suite's scorer on hand-made gold and predictions with known answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dyad.eval import acled, cameo_ner, demo, geo, gtd, plover_gsr, plv, timex
from dyad.eval.common import Loaded
from dyad.eval.report import START_MARK, END_MARK, SuiteReport, update_benchmarks, write_json
from dyad.model import EventDate, Location, Mention, TimeValue
from dyad.pipeline import ArticleResult


def _value(rep: SuiteReport, name: str):
    m = rep.metric(name)
    assert m is not None, f"no metric {name!r} in {[x.name for x in rep.metrics]}"
    return m.value


# --- plover-gsr ------------------------------------------------------------------

def test_gsr_pick_event_prefers_gold_type_then_confidence(build):
    a = build.event("x", "ACCUSE", confidence=0.9, eid="a")
    b = build.event("x", "AGREE", confidence=0.2, eid="b")
    assert plover_gsr.pick_event([a, b], "AGREE") is b
    assert plover_gsr.pick_event([a, b], "REJECT") is a
    assert plover_gsr.pick_event([], "AGREE") is None


def test_gsr_score_actors(build):
    gold = [{"code": "JAP", "sector": "GOV"}, {"code": "FRA", "sector": "***"}, {"code": "USA", "sector": "MIL"}]
    pred = [build.actor("Tokyo", country="JPN", sector="GOV"), build.actor("Paris", country="FRA"),
            build.actor("US", country="USA", sector="GOV")]
    # all three countries right; sector: JPN/GOV right, FRA has no gold sector, USA MIL != GOV
    assert plover_gsr.score_actors(gold, pred) == (3, 2)


def test_gsr_evaluate_end_to_end(fake_pipe, build):
    recs = [plover_gsr.GsrRecord("r1", "Iran accused Israel.", "ACCUSE",
                                 [{"code": "IRN"}], [{"code": "ISR", "sector": "GOV"}]),
            plover_gsr.GsrRecord("r2", "Nothing here.", "AGREE", [{"code": "USA"}], [])]

    def run(article):
        if article.id == "r1":
            ev = build.event(article.text, "ACCUSE", trigger=(5, 12),
                             actors=[build.actor("Iran", country="IRN")],
                             recipients=[build.actor("Israel", 13, country="ISR")])
            return ArticleResult(article=article, events=[ev])
        return ArticleResult(article=article)

    fake_pipe(run)
    rep = plover_gsr.evaluate(Loaded(records=recs))
    assert _value(rep, "event type accuracy") == pytest.approx(0.5)
    assert _value(rep, "coverage (sentences with any event)") == pytest.approx(0.5)
    assert _value(rep, "source country accuracy") == pytest.approx(0.5)
    assert _value(rep, "target country accuracy") == pytest.approx(1.0)
    assert _value(rep, "target country+sector accuracy") == pytest.approx(0.0)
    assert rep.details["confusion"]["AGREE"] == {"(none)": 1}


# --- plv -------------------------------------------------------------------------

def test_plv_pairs_and_labels(fake_pipe, build):
    text, s, t = plv.parse_marked("<s>Rebels</s> released <t>the hostages</t>.")
    rec = plv.PlvRecord("p1", text, "CONCEDE/RETREAT", s, t)
    rec2 = plv.PlvRecord("p2", text, "AID", s, t)
    good = build.event(text, "RETREAT", trigger=(7, 15), actors=[build.actor("Rebels")],
                       recipients=[build.actor("the hostages", 16)], confidence=0.4)
    wrong_pair = build.event(text, "AGREE", actors=[build.actor("Rebels")], confidence=0.9)
    assert plv.pair_events([good, wrong_pair], s, t) == [good]
    fake_pipe(lambda a: ArticleResult(article=a, events=[good, wrong_pair]))
    rep = plv.evaluate(Loaded(records=[rec, rec2]))
    assert _value(rep, "end-to-end accuracy") == pytest.approx(0.5)
    assert _value(rep, "pair recall (event links <s> and <t>)") == pytest.approx(1.0)


def test_plv_type_only_uses_classify_when_present(fake_pipe, monkeypatch):
    import dyad.extract as extract_pkg

    monkeypatch.setattr(extract_pkg, "classify", lambda sent, s, t: "ACCUSE", raising=False)
    text, s, t = plv.parse_marked("<s>A</s> blamed <t>B</t>.")
    rep = plv.evaluate(Loaded(records=[plv.PlvRecord("p", text, "ACCUSE", s, t)]))
    assert _value(rep, "type-only accuracy") == pytest.approx(1.0)
    assert _value(rep, "end-to-end accuracy") == 0.0


# --- acled -----------------------------------------------------------------------

def _acled_rec(rid: str, **kw) -> acled.AcledRecord:
    base = dict(id=rid, text="Soldiers clashed with Al Shabaab near Baidoa.",
                event_type="Battle-No change of territory", actor1="Military Forces of Somalia (2012-)",
                actor2="Al Shabaab", country="Somalia", admin1="Bay", location="Baidoa",
                lat=3.11, lon=43.65, fatalities=3)
    base.update(kw)
    return acled.AcledRecord(**base)


def test_acled_evaluate(fake_pipe, build):
    recs = [_acled_rec("a"), _acled_rec("b", fatalities=5, lat=0.0, lon=0.0)]
    loc = Location("Baidoa", 3.2, 43.7, admin1="Bay Region")  # ~11 km away

    def run(article):
        ev = build.event(article.text, "ASSAULT", trigger=(9, 16),
                         actors=[build.actor("Soldiers", country="SOM")],
                         recipients=[build.actor("Al Shabaab", 22)], location=loc, dead=3)
        return ArticleResult(article=article, events=[ev])

    fake_pipe(run)
    rep = acled.evaluate(Loaded(records=recs))
    assert _value(rep, "event type accuracy") == 1.0
    assert _value(rep, "ACTOR1 match (primary event actor)") == 1.0
    assert _value(rep, "ACTOR2 match (primary event recipient)") == 1.0
    assert _value(rep, "location within 25 km") == pytest.approx(0.5)
    assert _value(rep, "admin1 match") == 1.0
    assert _value(rep, "fatalities exact") == pytest.approx(0.5)
    assert _value(rep, "fatalities within ±1") == pytest.approx(0.5)


def test_acled_no_event_counts_zero_dead(build):
    assert acled.predicted_dead([]) == 0
    assert acled.predicted_dead([build.event(dead=2), build.event(dead=7), build.event()]) == 7


# --- gtd -------------------------------------------------------------------------

def test_gtd_date_hit(build):
    gold = dt.date(2017, 3, 5)
    stated = build.event(date=EventDate("2017-03-01", "2017-03-31", "month", stated=True))
    fallback = build.event(date=EventDate("2017-03-09", "2017-03-09", "day", stated=False))
    assert gtd.date_hit([fallback, stated], gold) is True
    assert gtd.date_hit([fallback], gold) is None
    wrong = build.event(date=EventDate("2017-03-06", "2017-03-06", "day", stated=True))
    assert gtd.date_hit([wrong], gold) is False


def test_gtd_evaluate(fake_pipe, build):
    rec = gtd.GtdRecord("g1", "A suicide bomber struck in Kunduz city, killing 4. The Taliban claimed it.",
                        dt.date(2017, 3, 5), "Bombing/Explosion", "Taliban", "Kunduz", "Kunduz", 4, 6)
    unknown = gtd.GtdRecord("g2", "Something happened.", None, None, None, None, None, None, None)

    def run(article):
        if article.id != "g1":
            return ArticleResult(article=article)
        ev = build.event(article.text, "ASSAULT", trigger=(17, 23), mode="explosives",
                         actors=[build.actor("The Taliban", 51)],
                         location=Location("Kunduz", 36.7, 68.9, admin1="Kunduz Province"), dead=4, injured=5)
        return ArticleResult(article=article, events=[ev])

    fake_pipe(run)
    rep = gtd.evaluate(Loaded(records=[rec, unknown]))
    assert _value(rep, "attack type accuracy") == 1.0  # the Unknown record is not scored
    assert rep.metric("attack type accuracy").n == 1
    assert _value(rep, "perpetrator match (gname)") == 1.0
    assert _value(rep, "city match") == 1.0 and _value(rep, "province match") == 1.0
    assert _value(rep, "killed exact") == 1.0
    assert _value(rep, "wounded exact") == 0.0 and _value(rep, "wounded within ±1") == 1.0
    assert _value(rep, "date stated (coverage)") == 0.0


# --- geo ---------------------------------------------------------------------------

def test_geo_score_articles():
    doc = geo.GeoArticle("d", "Paris and Lyon and Nice.", [
        geo.Toponym(0, 5, "Paris", 48.8566, 2.3522), geo.Toponym(10, 14, "Lyon", 45.764, 4.8357),
        geo.Toponym(19, 23, "Nice", None, None)])
    places = [
        {"start": 0, "end": 5, "name": "Paris", "lat": 48.86, "lon": 2.35},       # ~0 km
        {"start": 10, "end": 18, "name": "Lyon and", "lat": None, "lon": None},   # overlap, unresolved
        {"start": 19, "end": 23, "name": "Nice", "lat": 43.7, "lon": 7.27},       # no gold coords
        {"start": 24, "end": 25, "name": "x", "lat": 0, "lon": 0},                # spurious (no offsets text)
    ]
    rep = geo.score_articles([(doc, places)], "geo-test")
    assert _value(rep, "recognition precision (overlap)") == pytest.approx(3 / 4)
    assert _value(rep, "recognition recall (overlap)") == pytest.approx(1.0)
    assert _value(rep, "recognition F1 (exact offsets)") == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert _value(rep, "accuracy within 161 km") == pytest.approx(0.5)
    assert rep.metric("accuracy within 161 km").n == 2
    assert _value(rep, "median error km") == pytest.approx((_value(rep, "mean error km")))


# --- timex -------------------------------------------------------------------------

def test_timex_strict_relaxed_and_value_f1():
    doc = timex.TimexDoc("d", "He left on Monday, 3 May, for two weeks.", "2004-05-05", [
        timex.Timex(11, 24, "Monday, 3 May", "DATE", "2004-05-03"),
        timex.Timex(30, 39, "two weeks", "DURATION", "P2W")])
    pred = [TimeValue("Monday", 11, 17, "DATE", "2004-05-03"),        # relaxed only, value right
            TimeValue("two weeks", 30, 39, "DURATION", "P14D"),       # strict, value wrong
            TimeValue("He", 0, 2, "DATE", "X")]                       # spurious
    rep = timex.score_docs([(doc, pred)])
    assert _value(rep, "strict precision") == pytest.approx(1 / 3)
    assert _value(rep, "strict recall") == pytest.approx(1 / 2)
    assert _value(rep, "relaxed precision") == pytest.approx(2 / 3)
    assert _value(rep, "relaxed recall") == pytest.approx(1.0)
    assert _value(rep, "type accuracy (relaxed matches)") == 1.0
    assert _value(rep, "value accuracy (relaxed matches)") == pytest.approx(0.5)
    assert _value(rep, "value F1") == pytest.approx(0.8 * 0.5)


# --- cameo-ner ---------------------------------------------------------------------

def test_cameo_ner_roles(build):
    text = "Iran and Iraq met as Israel hit Gaza militants"
    sent = cameo_ner.NerSentence("s", text, {"S": [(21, 27)], "T": [(32, 46)], "R": [(0, 4), (9, 13)]})
    events = [
        build.event(text, "CONSULT", actors=[build.actor("Iran")], recipients=[build.actor("Iraq", 9)]),
        build.event(text, "ASSAULT", actors=[build.actor("Israel", 21)], recipients=[build.actor("Gaza", 32)]),
    ]
    scores = cameo_ner.score_sentences([(sent, events)])
    assert scores["S"]["exact"].f1 == 1.0           # Iran is scored under R, not as a false S
    assert scores["T"]["exact"].tp == 0 and scores["T"]["overlap"].f1 == 1.0
    assert scores["R"]["exact"].f1 == 1.0
    assert scores["all"]["overlap"].recall == 1.0


# --- demo --------------------------------------------------------------------------

def test_demo_scoring_and_bcubed(build):
    text = "Troops shelled the town. The shelling killed two. Leaders met."
    i_shelled, i_shelling, i_met = text.index("shelled"), text.index("shelling"), text.index("met")
    doc = demo.DemoArticle("a1", text, events=[
        {"cluster": "c1", "type": "ASSAULT", "trigger": "shelled",
         "actors": [{"text": "Troops", "country": "UKR"}], "recipients": [{"text": "the town"}],
         "date": {"start": "2022-03-01", "end": "2022-03-31", "precision": "month"},
         "place": {"name": "Town", "lat": 50.0, "lon": 30.0}, "status": "asserted", "size": {"dead": 2}},
        {"cluster": "c1", "type": "ASSAULT", "trigger": "shelling"},
        {"cluster": "c2", "type": "CONSULT", "trigger": "met"},
    ], spans=[(i_shelled, i_shelled + 7), (i_shelling, i_shelling + 8), (i_met, i_met + 3)])
    ev = build.event(text, "ASSAULT", trigger=(i_shelled, i_shelled + 7), eid="E1",
                     actors=[build.actor("Troops", country="UKR")], recipients=[build.actor("town", 15)],
                     date=EventDate("2022-03-04", "2022-03-04", "day", stated=True),
                     location=Location("Town", 50.05, 30.0), dead=2)
    ev.mentions = [Mention("a1", i_shelled, i_shelled + 7), Mention("a1", i_shelling, i_shelling + 8)]
    wrong = build.event(text, "AGREE", trigger=(i_met, i_met + 3), eid="E2")
    rep = demo.score_articles([(doc, [ev, wrong])])
    # units: shelled, shelling (same event), met -> 3 predicted; 2 with the right type
    assert _value(rep, "event precision (trigger+type)") == pytest.approx(2 / 3)
    assert _value(rep, "event recall (trigger+type)") == pytest.approx(2 / 3)
    assert _value(rep, "type accuracy | trigger matched") == pytest.approx(2 / 3)
    assert _value(rep, "actor text match") == 1.0 and _value(rep, "recipient text match") == 1.0
    assert _value(rep, "country accuracy") == 1.0
    assert _value(rep, "date within gold interval") == 1.0 and _value(rep, "date same precision") == 0.0
    assert _value(rep, "place within 10 km") == 1.0
    assert _value(rep, "stated sizes exact") == 1.0
    assert _value(rep, "dedup B-cubed F1") == pytest.approx(1.0)


def test_demo_without_clusters_skips_dedup(build):
    doc = demo.DemoArticle("a", "They met.", events=[{"cluster": 1, "type": "CONSULT", "trigger": "met"}],
                           spans=[(5, 8)])
    rep = demo.score_articles([(doc, [build.event("They met.", "CONSULT", trigger=(5, 8))])])
    assert rep.metric("dedup B-cubed F1") is None
    assert _value(rep, "event F1 (trigger+type)") == 1.0


# --- report ------------------------------------------------------------------------

def test_update_benchmarks_keeps_the_rest(tmp_path: Path):
    path = tmp_path / "BENCHMARKS.md"
    rep = SuiteReport("toy", records=3)
    rep.add("accuracy", 0.5, "0.9 somebody")
    rep.add("date correct | stated", 1.0)
    update_benchmarks(path, [rep], {"other": "no data"})
    text = path.read_text()
    assert START_MARK in text and END_MARK in text and "| accuracy | 0.500 |" in text
    assert "| date correct \\| stated | 1.000 |" in text  # a "|" in a name is escaped
    path.write_text("# Title\n\nhand-written intro\n\n" + text[text.index(START_MARK):] + "\nfooter\n")
    rep.metrics[0].value = 0.75
    update_benchmarks(path, [rep], {})
    text = path.read_text()
    assert text.startswith("# Title\n\nhand-written intro") and text.rstrip().endswith("footer")
    assert "0.750" in text and "0.500" not in text and text.count(START_MARK) == 1


def test_write_json(tmp_path: Path):
    rep = SuiteReport("toy", records=1)
    rep.add("f1", 0.25)
    write_json(rep, tmp_path / "x" / "toy.json")
    data = json.loads((tmp_path / "x" / "toy.json").read_text())
    assert data["suite"] == "toy" and data["metrics"][0]["value"] == 0.25
