#!/usr/bin/env python3
"""Writes the scoring golden vectors (tests/golden/score/NN-*.json): response
records as the engine seals them, scored by score.summarize and merged by
score.merge. The arithmetic of each case is in the vector's description.
Then regenerate the expected envelopes:
  TESSERA_UPDATE_GOLDEN=1 build/native/tests/tessera_tests --gtest_filter=Golden.*
and review the diff by hand.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "test-merchant.key")) as f:
    SEAL_KEY = json.load(f)["publicKey"]

DAY = 86400000
T0 = 1735689600000  # 2025-01-01T00:00Z

POST_PURCHASE = {
    "id": "post-purchase", "version": 1,
    "pages": [{"id": "p1", "questions": [
        {"id": "nps", "type": "nps", "title": "Recommend us?"},
        {"id": "csat", "type": "csat", "title": "Satisfied?"},
        {"id": "ces", "type": "ces", "points": 7, "title": "Easy?"},
        {"id": "why", "type": "text", "title": "Why?"}]}],
    "variants": [{"id": "a"}, {"id": "b"}],
}


def record(rid, answers, kind="final", variant=None, at=T0, survey="post-purchase"):
    return {"v": 1, "kind": kind, "surveyId": survey, "surveyVersion": 1, "responseId": rid,
            "idempotencyKey": rid if kind == "final" else rid + "-p", "locale": "en",
            "startedAt": at - 60000, "completedAt": at, "answers": answers, "calculated": {},
            "npsClass": {}, "variant": variant, "followUp": None}


def call(method, **args):
    return {"method": method, "args": args}


def vector(name, description, surveys, calls):
    doc = {"description": description,
           "config": {"site": "score-golden", "endpoint": "/collect", "publicKey": SEAL_KEY,
                      "surveys": surveys},
           "calls": calls}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        f.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


R = [
    record("r1", {"nps": 10, "csat": 5, "ces": 7, "why": "fast"}, variant="a", at=T0 + 3600000),
    record("r2", {"nps": 9, "csat": 4, "ces": 6}, variant="a", at=T0 + 23 * 3600000),
    record("r3", {"nps": 7, "csat": 3}, variant="b", at=T0 + DAY),
    record("r4", {"nps": 3, "csat": 1, "ces": 2}, variant="b", at=T0 + DAY + 7200000),
    # r5: a partial then its final; only the final counts.
    record("r5", {"nps": 0}, kind="partial", variant="b", at=T0 + 2 * DAY),
    record("r5", {"nps": 6, "csat": 2, "ces": 3}, variant="b", at=T0 + 2 * DAY + 60000),
    # r6: two partials; the one with more answers counts.
    record("r6", {"nps": 8}, kind="partial", variant="a", at=T0 + 2 * DAY),
    record("r6", {"nps": 8, "csat": 4}, kind="partial", variant="a", at=T0 + 2 * DAY + 1000),
    # r7: answers outside the scales are left out and counted.
    record("r7", {"nps": 11, "csat": 9, "ces": 4}, variant="a", at=T0 + 3 * DAY),
    # r8: a dismissed-then-restarted visitor who answered nothing scored.
    record("r8", {"why": "just looking"}, variant="b", at=T0 + 3 * DAY),
    record("x1", {"nps": 10}, survey="another-survey"),
    {"not": "a record"},
]

vector("01-summarize", (
    "Eight responses to one survey (r5 partial+final: the final counts; r6 two partials: the "
    "fuller counts; r7 out-of-scale answers; r8 no scored answer) plus a record of another "
    "survey and junk (skipped: 2). NPS over r1..r7 without r7's 11: promoters r1 r2 (10, 9), "
    "passives r3 r6 (7, 8), detractors r4 r5 (3, 6): n=6, score (2-2)/6 = 0. CSAT r1..r6 "
    "(5,4,3,1,2,4): mean 19/6 = 3.1667, top-2-box 3/6 = 50 %; r7's 9 is invalid. CES r1 r2 r4 "
    "r5 r7 (7,6,2,3,4): mean 4.4, easy (5-7) 2/5 = 40 %. Then split by variant (a: r1 r2 r6 r7, "
    "b: r3 r4 r5 r8) and by local day at UTC+2 (r2 at 23:00Z is 2 January locally). Then the "
    "errors: a bad split, an unknown survey, no records, both surveyId and definition."),
    [POST_PURCHASE], [
        call("score.summarize", surveyId="post-purchase", records=R),
        call("score.summarize", surveyId="post-purchase", records=R, by="variant"),
        call("score.summarize", surveyId="post-purchase", records=R, by="day", utcOffsetMinutes=120),
        call("score.summarize", surveyId="post-purchase", records=R, by="week"),
        call("score.summarize", surveyId="nope", records=R),
        call("score.summarize", surveyId="post-purchase"),
        call("score.summarize", surveyId="post-purchase", records={"r1": R[0]}),
        call("score.summarize", surveyId="post-purchase", definition=POST_PURCHASE, records=[]),
        call("score.summarize", definition=POST_PURCHASE, records=R[:4]),
    ])

nps = lambda d, p, pr: {"v": 1, "kind": "nps", "counts": {"detractors": d, "passives": p, "promoters": pr}}
csat5 = lambda counts: {"v": 1, "kind": "csat", "low": 1, "high": 5, "counts": counts,
                        "n": sum(counts)}
csat7 = {"v": 1, "kind": "csat", "low": 1, "high": 7, "counts": [0, 0, 0, 0, 0, 1, 1], "n": 2}
part = lambda key, responses, n: {"key": key, "responses": responses, "invalidAnswers": 0,
                                  "nps": {"nps": n}, "csat": {}, "ces": {}, "servqual": None,
                                  "deliveredValue": None}
survey_summary = lambda parts: {"v": 1, "kind": "surveySummary", "surveyId": "post-purchase",
                                "by": "variant", "utcOffsetMinutes": 0, "skipped": 0,
                                "parts": parts}

vector("02-merge", (
    "score.merge: NPS (1,2,3) + (4,0,1) = (5,2,4): n 11, score (4-5)/11 = -9.0909; CSAT 1-5 "
    "counts add per point; two survey summaries split by variant merge part by part (a: 2+1 "
    "responses, b only in the second); an NPS split by variant. Refused: CSAT 1-5 with 1-7 "
    "(failed_precondition at the second), mixed kinds, an unknown kind, a summary whose n "
    "does not match its counts, an empty list."),
    [POST_PURCHASE], [
        call("score.merge", summaries=[nps(1, 2, 3), nps(4, 0, 1)]),
        call("score.merge", summaries=[csat5([1, 0, 2, 3, 4]), csat5([0, 1, 0, 0, 2]),
                                       csat5([0, 0, 0, 0, 1])]),
        call("score.merge", summaries=[
            survey_summary([part("a", 2, nps(0, 1, 1))]),
            survey_summary([part("a", 1, nps(1, 0, 0)), part("b", 4, nps(2, 1, 1))])]),
        call("score.merge", summaries=[
            {"v": 1, "kind": "split", "by": "variant", "empty": nps(0, 0, 0),
             "parts": [{"key": "a", "summary": nps(1, 1, 1)}]},
            {"v": 1, "kind": "split", "by": "variant", "empty": nps(0, 0, 0),
             "parts": [{"key": "a", "summary": nps(0, 0, 2)}, {"key": "b", "summary": nps(3, 0, 0)}]}]),
        call("score.merge", summaries=[csat5([1, 0, 0, 0, 0]), csat7]),
        call("score.merge", summaries=[nps(1, 0, 0), csat5([1, 0, 0, 0, 0])]),
        call("score.merge", summaries=[{"v": 1, "kind": "mood"}]),
        call("score.merge", summaries=[dict(nps(1, 1, 1), n=4)]),
        call("score.merge", summaries=[]),
    ])


def matrix(rows, values):
    return {r: str(v) for r, v in zip(rows, values)}


DIMS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]


def servqual_answers(e, p):
    out = {}
    for d, ev, pv in zip(DIMS, e, p):
        rows = [d + "1", d + "2", d + "3"]
        out["expectation_" + d] = matrix(rows, ev)
        out["perception_" + d] = matrix(rows, pv)
    return out


SQ = [
    record("s1", servqual_answers([[7, 6, 7], [7, 7, 7], [6, 6, 6], [7, 7, 6], [6, 5, 6]],
                                  [[6, 6, 5], [5, 4, 6], [6, 5, 5], [7, 6, 6], [6, 6, 6]]), survey="sq"),
    record("s2", servqual_answers([[6, 6, 6], [7, 7, 6], [7, 6, 6], [6, 6, 6], [5, 5, 5]],
                                  [[5, 6, 6], [6, 5, 5], [4, 5, 5], [6, 6, 5], [6, 5, 5]]), survey="sq"),
]
# s3 answered only the reliability expectations: no pairs, so nothing counts.
SQ.append(record("s3", {"expectation_reliability": matrix(["reliability1"], [7])}, survey="sq"))
CDV = [
    record("c1", {"cdv_value": matrix(["product", "service", "personnel", "image"], [6, 5, 5, 4]),
                  "cdv_cost": matrix(["monetary", "time", "energy", "psychic"], [3, 2, 2, 1])},
           survey="cdv"),
    record("c2", {"cdv_value": matrix(["product", "service", "personnel", "image"], [4, 4, 3, 3]),
                  "cdv_cost": matrix(["monetary", "time", "energy", "psychic"], [5, 4, 3, 2])},
           survey="cdv"),
    # c3 left out the psychic cost: delivered value needs all eight (invalidAnswers 1).
    record("c3", {"cdv_value": matrix(["product", "service", "personnel", "image"], [7, 7, 7, 7]),
                  "cdv_cost": matrix(["monetary", "time", "energy"], [1, 1, 1])}, survey="cdv"),
]
bad_scoring = {"id": "bad", "pages": [{"id": "p", "questions": [
    {"id": "e", "type": "rating", "title": "E", "min": 1, "max": 7}]}],
    "scoring": {"instrument": "servqual", "dimensions": {"tangibles": {"expectation": "e",
                                                                       "perception": "e"}}}}

vector("03-instruments", (
    "The SERVQUAL and customer-delivered-value templates scored from their matrices. SERVQUAL "
    "pairs rows by value: reliability E (7,7,7,7,7,6) mean 6.8333, P (5,4,6,6,5,5) mean 5.1667, "
    "gap -1.6667; s3 has no perception and adds nothing (but is a response). Delivered value: "
    "c1 value 20 cost 8, c2 value 14 cost 14: mean difference (12+0)/2 = 6, ratio of sums "
    "34/22 = 1.5455; c3 misses a component. A definition whose scoring names a rating where a "
    "matrix belongs is refused at /definition/scoring/dimensions/tangibles/expectation."),
    [{"template": "servqual", "id": "sq"}, {"template": "customer-delivered-value", "id": "cdv"}], [
        call("score.summarize", surveyId="sq", records=SQ),
        call("score.summarize", surveyId="cdv", records=CDV),
        call("score.summarize", definition=bad_scoring, records=[]),
    ])
