"""Loaders' parsing helpers on tiny invented inputs (no shared data needed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from dyad.eval import cameo_ner, demo, geo, gtd, plover_gsr, plv, timex


def test_plv_parse_marked_spans():
    text, s, t = plv.parse_marked("<s>The council</s> rejected <t>the plan</t> today.")
    assert text == "The council rejected the plan today."
    assert text[s[0]:s[1]] == "The council"
    assert text[t[0]:t[1]] == "the plan"
    text, s, t = plv.parse_marked("Officials said <s>rebels</s> left.")
    assert t is None and text[s[0]:s[1]] == "rebels"


def test_gtd_split_summary():
    text, date = gtd.split_summary("03/05/2017: Gunmen attacked a post.")
    assert text == "Gunmen attacked a post." and date == dt.date(2017, 3, 5)
    text, date = gtd.split_summary("00/00/2017: Unknown day.")
    assert text == "Unknown day." and date is None
    assert gtd.split_summary("No prefix here.") == ("No prefix here.", None)


def test_geo_repair_offsets():
    text = "Rain fell on Springfield today."
    assert geo.repair_offsets(text, 13, 24, "Springfield") == (13, 24)
    assert geo.repair_offsets(text, 14, 25, "Springfield") == (13, 24)  # one late
    assert geo.repair_offsets(text, 0, 5, "Springfield") == (13, 24)   # nearby search
    assert geo.repair_offsets(text, 13, 24, "Shelbyville") is None


def test_geo_parse_both_layouts(tmp_path: Path):
    lgl_like = """<articles><article docid="7"><text>Fire in Springfield and Ogdenville.</text>
      <toponyms><toponym><start>8</start><end>19</end><phrase>Springfield</phrase>
        <gaztag geonameid="1"><lat>10.5</lat><lon>20.25</lon></gaztag></toponym>
      <toponym><start>24</start><end>34</end><phrase>Ogdenville</phrase></toponym></toponyms>
      </article></articles>"""
    path = tmp_path / "a.xml"
    path.write_text(lgl_like, encoding="utf-8")
    loaded = geo.parse_corpus(path, "t")
    doc = loaded.records[0]
    assert doc.id == "t-0-7"
    assert [(t.name, t.lat) for t in doc.toponyms] == [("Springfield", 10.5), ("Ogdenville", None)]
    virus_like = """<articles><article><text>Cases rose in Capital City.</text><locations>
      <location><name>Capital City</name><start>15</start><end>27</end><lat>1</lat><lon>2</lon></location>
      <location><name>Nowhere</name><start>0</start><end>7</end><lat>1</lat><lon>2</lon></location>
      </locations></article></articles>"""
    path.write_text(virus_like, encoding="utf-8")
    loaded = geo.parse_corpus(path, "v")
    assert [(t.start, t.end) for t in loaded.records[0].toponyms] == [(14, 26)]
    assert loaded.skipped == 1


def test_timeml_offsets_and_dct():
    data = b"""<?xml version="1.0"?><TimeML>
    <DCT><TIMEX3 tid="t0" type="DATE" value="2001-02-03" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
    <TEXT>Talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-02-02">yesterday</TIMEX3>
    after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="X"/></TEXT>
    </TimeML>"""
    doc = timex.parse_timeml(data, "d")
    assert doc.dct == "2001-02-03"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "2001-02-02"), ("three days", "DURATION", "P3D")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert "<" not in doc.text


def test_cameo_ner_detokenize_and_bio(tmp_path: Path):
    toks = ["The", "mayor", "(", "a", "liberal", ")", "met", "the", "envoy", "'s", "aides", "."]
    text, offs = cameo_ner.detokenize(toks)
    assert text == "The mayor (a liberal) met the envoy's aides."
    assert all(text[s:e] == t for t, (s, e) in zip(toks, offs))
    labels = ["B-S", "I-S", "O", "O", "O", "O", "O", "B-T", "I-T", "I-T", "I-T", "O"]
    spans = cameo_ner.bio_spans(labels, offs)
    assert [text[s:e] for s, e in spans["S"]] == ["The mayor"]
    assert [text[s:e] for s, e in spans["T"]] == ["the envoy's aides"]
    out = cameo_ner.Loaded()
    lines = ["A B-R", "met O", "B B-R", "", "Bad", "C B-S", "left O", ""]
    cameo_ner.read_conll(lines, "x", out, None)
    assert len(out.records) == 2 and out.skipped == 1
    assert out.records[0].spans["R"] == [(0, 1), (6, 7)]


def test_plover_gsr_load_skips_header_and_bad_lines(tmp_path: Path):
    folder = tmp_path / "plover_gsr"
    folder.mkdir()
    lines = [
        {"id": "H", "event": "DOCUMENT", "eventText": "header"},
        {"id": "r1", "event": "DEMAND", "text": "Unions demanded higher pay.",
         "source": [{"actorText": "Unions", "code": "XYZ", "sector": "LAB"}], "target": ""},
        {"id": "r2", "event": "FIGHT"},
    ]
    body = "\n".join(json.dumps(x) for x in lines) + "\n{not json\n"
    (folder / "plover_gsr.jsonl").write_text(body, encoding="utf-8")
    loaded = plover_gsr.load(tmp_path)
    assert [r.event_type for r in loaded.records] == ["REQUEST"]
    assert loaded.records[0].targets == []
    assert loaded.skipped == 2


def test_demo_trigger_span_and_load(tmp_path: Path):
    text = "Police arrested protesters. Later police arrested a reporter."
    second = text.index("arrested", 10)
    assert demo.trigger_span(text, {"trigger": "arrested", "trigger_occurrence": 2}) == (second, second + 8)
    assert demo.trigger_span(text, {"trigger": "arrested", "trigger_occurrence": 0}) == (7, 15)
    assert demo.trigger_span(text, {"trigger": "fled"}) is None
    gold = tmp_path / "gold.jsonl"
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": text, "published": "2020-01-02"}) + "\n")
    gold.write_text(json.dumps({"id": "a1", "events": [{"type": "COERCE", "trigger": "arrested"},
                                                      {"type": "COERCE", "trigger": "fled"}]}) + "\n")
    loaded = demo.load(gold)
    rec = loaded.records[0]
    assert rec.text == text and rec.published == "2020-01-02"
    assert rec.spans == [(7, 15), None] and loaded.skipped == 1
