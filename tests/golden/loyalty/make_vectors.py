#!/usr/bin/env python3
"""Writes the loyalty golden vectors (tests/golden/loyalty/NN-*.json).

Signatures need the TEST-ONLY signing key tests/golden/test-loyalty-signing.key
(Ed25519 from a fixed seed; never use it for a real program). Ed25519 is
deterministic, so `tessera sign` / `tessera sign-event` with that key give the
same bytes; this script exists so that the scenarios stay readable as code.
Needs python3-cryptography. Then regenerate the expected envelopes:
  TESSERA_UPDATE_GOLDEN=1 build/native/tests/tessera_tests --gtest_filter=Golden.*
and review the diff by hand.
"""
import base64, copy, hashlib, json, os
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = hashlib.sha256(b"tessera TEST-ONLY loyalty signing key").digest()
KEY = Ed25519PrivateKey.from_private_bytes(SEED)
PUB = KEY.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
OTHER = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"another key").digest())
b64 = lambda b: base64.b64encode(b).decode()
canon = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def signed(payload, key=KEY):
    return {"payload": payload, "signature": b64(key.sign(canon(payload).encode()))}


def write_key():
    path = os.path.join(HERE, "..", "test-loyalty-signing.key")
    doc = {"kind": "tessera-signing-key", "v": 1, "publicKey": b64(PUB),
           "secretKey": b64(SEED + PUB)}
    with open(path, "w") as f:
        f.write(json.dumps(doc, indent=2) + "\n")


with open(os.path.join(HERE, "..", "test-merchant.key")) as f:
    SEAL_KEY = json.load(f)["publicKey"]

DAY = 86400000
T0 = 1704067200000  # 2024-01-01T00:00Z


def config(program, sign=True, key=KEY, surveys=()):
    return {"site": "loyalty-golden", "endpoint": "/collect", "publicKey": SEAL_KEY,
            "surveys": list(surveys), "loyalty": {"program": signed(program, key) if sign else program,
                                                  "signingKey": b64(PUB)}}


def purchase(key, at, order, lines, **kw):
    e = {"type": "purchase", "key": key, "at": at, "orderId": order, "currency": "EUR",
         "lines": [{"sku": s, "category": c, "qty": q, "unitPriceMinor": p} for s, c, q, p in lines]}
    e.update(kw)
    return e


def call(method, **args):
    return {"method": method, "args": args}


def apply(event, key=KEY):
    return call("loyalty.apply", event=signed(event, key))


def state(now):
    return call("loyalty.state", now=now)


def vector(name, description, program, calls, **cfg):
    doc = {"description": description, "config": config(program, **cfg), "calls": calls}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        f.write(json.dumps(doc, indent=1) + "\n")


TEA = {"version": 1, "id": "tea-shop", "currency": {"code": "EUR", "minorUnits": 2},
       "rounding": "half_even",
       "rules": [
           {"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1},
            "exclude": {"categories": ["gift-card"]}, "pendingDays": 3},
           {"id": "per-item", "kind": "spend", "rate": {"points": 1, "perUnits": 10}, "per": "item"},
           {"id": "green", "kind": "multiplier", "of": "base", "match": {"categories": ["green"]},
            "percent": 200},
           {"id": "big", "kind": "order_bonus", "points": 10, "minOrderMinor": 5000},
           {"id": "review", "kind": "event", "event": "review", "points": 25},
           {"id": "app", "kind": "event", "event": "app_order", "points": 15,
            "condition": "{event.attributes.channel} = 'app' and {member.purchases} >= 1"}],
       "expiry": {"kind": "after_days", "days": 365},
       "rewards": [{"id": "mug", "name": "Tea mug", "points": 60}],
       "badges": [{"id": "regular", "name": "Regular", "event": "purchase", "count": 2},
                  {"id": "critic", "name": "Critic", "event": "review", "count": 1}]}

CART = {"lines": [{"sku": "g1", "category": "green", "qty": 2, "unitPriceMinor": 1225},
                  {"sku": "b1", "category": "black", "qty": 1, "unitPriceMinor": 3050}],
        "currency": "EUR", "orderId": "cart"}

vector("01-earning-rules", "Every rule kind (spend per order and per item, multiplier, order bonus, "
       "event, condition) with half_even rounding, then state, history and a rule-by-rule preview",
       TEA, [
           call("loyalty.state", now=T0),
           apply(purchase("p1", T0 + DAY, "A", [("g1", "green", 2, 1225), ("b1", "black", 1, 3050),
                                                 ("gc", "gift-card", 1, 2000)], shippingMinor=490)),
           apply({"type": "event", "key": "app1", "at": T0 + 2 * DAY, "name": "app_order",
                  "attributes": {"channel": "app"}}),
           apply({"type": "event", "key": "app2", "at": T0 + 3 * DAY, "name": "app_order",
                  "attributes": {"channel": "web"}}),
           apply({"type": "event", "key": "rv1", "at": T0 + 3 * DAY, "name": "review"}),
           state(T0 + 2 * DAY + 1),
           state(T0 + 10 * DAY),
           call("loyalty.preview", cart=CART, now=T0 + 10 * DAY),
           call("loyalty.preview", cart={"type": "event", "name": "review"}, now=T0 + 10 * DAY),
           call("loyalty.history", now=T0 + 10 * DAY),
       ])

EXPIRIES = [("after-days", {"kind": "after_days", "days": 30}),
            ("end-of-month", {"kind": "end_of_month", "months": 1}),
            ("end-of-year", {"kind": "end_of_year", "years": 0}),
            ("inactivity", {"kind": "inactivity", "days": 60})]
for i, (name, policy) in enumerate(EXPIRIES):
    program = {"version": 1, "id": "exp", "currency": {"code": "EUR", "minorUnits": 2},
               "utcOffsetMinutes": 60, "rules": [{"id": "base", "kind": "spend",
                                                  "rate": {"points": 1, "perUnits": 1}}],
               "expiry": policy, "rewards": [{"id": "r", "points": 20}]}
    vector("02-expiry-%d-%s" % (i + 1, name), "Expiry policy %s: batches, then the balance after "
           "they pass" % policy["kind"], program, [
               apply(purchase("a", T0 + 10 * DAY, "1", [("x", "c", 1, 5000)])),
               apply(purchase("b", T0 + 40 * DAY, "2", [("x", "c", 1, 3000)])),
               apply({"type": "redeem", "key": "use", "at": T0 + 45 * DAY, "reward": "r"}),
               state(T0 + 45 * DAY), state(T0 + 75 * DAY), state(T0 + 130 * DAY),
               state(T0 + 400 * DAY)])

for i, (basis, downgrade) in enumerate([("points", "reevaluate"), ("score", "one_level"),
                                        ("purchases", "never")]):
    tiers = {"basis": basis, "window": {"kind": "rolling_months", "months": 3},
             "downgrade": downgrade, "evaluate": "monthly",
             "levels": [{"id": "reader", "name": "Reader", "threshold": 0},
                        {"id": "silver", "name": "Silver", "threshold": 3 if basis == "purchases" else 100,
                         "retainThreshold": 2 if basis == "purchases" else 80, "multiplierPercent": 150},
                        {"id": "gold", "name": "Gold", "threshold": 5 if basis == "purchases" else 300}]}
    if basis == "score":
        tiers["weights"] = {"points": 1, "spend": 1, "purchases": 10}
    program = {"version": 1, "id": "books", "currency": {"code": "EUR", "minorUnits": 2},
               "rules": [{"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1}}],
               "tiers": tiers, "badges": [{"id": "three", "name": "Three orders",
                                           "event": "purchase", "count": 3}]}
    calls = []
    for k, amount in enumerate([6000, 5000, 2000, 9000]):
        calls.append(apply(purchase("o%d" % k, T0 + k * 7 * DAY, str(k), [("b", "book", 1, amount)])))
        calls.append(state(T0 + k * 7 * DAY))
    calls += [state(T0 + 150 * DAY), state(T0 + 250 * DAY)]
    vector("03-tiers-%d-%s-%s" % (i + 1, basis, downgrade), "Tier policy: basis %s, downgrade %s; "
           "progress bar bounds, upgrade on the event, evaluations later" % (basis, downgrade),
           program, calls)

SHOP = {"version": 1, "id": "shop", "currency": {"code": "EUR", "minorUnits": 2},
        "rules": [{"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1}}],
        "rewards": [{"id": "mug", "points": 60, "limitPerMember": 1}],
        "badges": [{"id": "fan", "name": "Survey fan", "event": "survey_completed", "count": 2}]}
vector("04-refunds", "Refunds before spending (partial lines, by amount) and after spending "
       "(clawback, shortfall)", SHOP, [
           apply(purchase("p1", T0, "A", [("a", "x", 2, 2000), ("b", "y", 1, 1000)])),
           apply({"type": "refund", "key": "r1", "at": T0 + DAY, "orderId": "A",
                  "lines": [{"sku": "a", "qty": 1}]}),
           state(T0 + DAY),
           apply(purchase("p2", T0 + 2 * DAY, "B", [("a", "x", 4, 2000)])),
           apply({"type": "redeem", "key": "m1", "at": T0 + 3 * DAY, "reward": "mug"}),
           apply({"type": "refund", "key": "r2", "at": T0 + 4 * DAY, "orderId": "B",
                  "amountMinor": 8000}),
           state(T0 + 4 * DAY),
           apply({"type": "adjust", "key": "adj", "at": T0 + 5 * DAY, "points": 15,
                  "reason": "goodwill"}),
           call("loyalty.history", now=T0 + 5 * DAY)])

P1 = purchase("p1", T0 + 5 * DAY, "A", [("a", "x", 1, 5000)])
vector("05-duplicates-late", "The same grant twice (idempotent), the same key with other "
       "content, a late event that rebuilds, the same order id twice", SHOP, [
           apply(P1), apply(P1),
           apply(dict(P1, lines=[{"sku": "a", "category": "x", "qty": 9, "unitPriceMinor": 5000}])),
           apply(purchase("early", T0, "E", [("a", "x", 1, 7000)])),
           apply(purchase("p9", T0 + 6 * DAY, "A", [("a", "x", 1, 100)])),
           state(T0 + 6 * DAY), call("loyalty.export")])

CAPS = {"version": 1, "id": "caps", "currency": {"code": "EUR", "minorUnits": 2},
        "rounding": "ceil",
        "rules": [{"id": "base", "kind": "spend", "rate": {"points": 3, "perUnits": 7}},
                  {"id": "survey", "kind": "event", "event": "survey_completed", "points": 40,
                   "caps": [{"period": "week", "points": 60}, {"period": "lifetime", "points": 100}]}]}
vector("06-caps-rounding", "Weekly and lifetime caps (a capped rule earns what is left), ceil "
       "rounding of 3 points per 7 EUR", CAPS,
       [apply(purchase("p1", T0, "A", [("a", "x", 1, 1001)]))] +
       [apply({"type": "event", "key": "s%d" % k, "at": T0 + k * 2 * DAY, "name": "survey_completed"})
        for k in range(6)] + [state(T0 + 20 * DAY), call("loyalty.history", now=T0 + 20 * DAY)])

good = signed(P1)
altered = copy.deepcopy(good)
altered["payload"]["lines"][0]["qty"] = 100
vector("07-bad-signatures", "Grants that are altered, signed by another key, unsigned, with a "
       "malformed signature; a purchase claimed by the browser", SHOP, [
           call("loyalty.apply", event=altered),
           apply(P1, key=OTHER),
           call("loyalty.apply", event=P1),
           call("loyalty.apply", event={"payload": P1}),
           call("loyalty.apply", event={"payload": P1, "signature": "not base64!"}),
           call("loyalty.apply", event={"payload": P1, "signature": b64(b"short")}),
           call("loyalty.claim", event=P1),
           state(T0 + 6 * DAY)])

vector("08-bad-events", "Signed but invalid: bad shape (pointer into the event), unknown "
       "currency, unknown reward, too few points, refund of an unknown order or beyond the order, "
       "bad call arguments", SHOP, [
           apply(dict(P1, lines=[{"sku": "a", "qty": 0, "unitPriceMinor": 5000}])),
           apply(dict(P1, currency="USD")),
           apply({"type": "redeem", "key": "x1", "at": T0 + 6 * DAY, "reward": "boat"}),
           apply({"type": "redeem", "key": "x2", "at": T0 + 6 * DAY, "reward": "mug"}),
           apply({"type": "refund", "key": "x3", "at": T0 + 6 * DAY, "orderId": "nope",
                  "amountMinor": 100}),
           apply(P1),
           apply({"type": "refund", "key": "x4", "at": T0 + 7 * DAY, "orderId": "A",
                  "amountMinor": 999999}),
           call("loyalty.state"), call("loyalty.state", now=-1), call("loyalty.apply"),
           call("loyalty.teleport", now=1), call("loyalty.preview", now=T0, cart=[]),
           state(T0 + 7 * DAY)])

vector("09-config-unsigned-program", "An unsigned program is refused at createEngine", SHOP, [],
       sign=False)
vector("10-config-altered-program", "A program signed by another key is refused", SHOP, [],
       key=OTHER)
bad_cond = copy.deepcopy(TEA)
bad_cond["rules"][5]["condition"] = "{event.attributes.channel} = = 'app'"
vector("11-config-bad-condition", "A rule condition that does not compile is refused with its "
       "JSON pointer", bad_cond, [])

vector("12-claims", "Browser claims (survey completed) are flagged apart until a signed grant "
       "with the same key confirms them; a claim repeated is a duplicate", SHOP, [
           apply(purchase("p1", T0, "A", [("a", "x", 1, 2000)])),
           call("loyalty.claim", event={"type": "event", "key": "sv1", "at": T0 + DAY,
                                        "name": "survey_completed"}),
           call("loyalty.claim", event={"type": "event", "key": "sv2", "at": T0 + 2 * DAY,
                                        "name": "survey_completed"}),
           call("loyalty.claim", event={"type": "event", "key": "sv2", "at": T0 + 2 * DAY,
                                        "name": "survey_completed"}),
           state(T0 + 3 * DAY),
           apply({"type": "event", "key": "sv1", "at": T0 + DAY, "name": "survey_completed"}),
           state(T0 + 3 * DAY)])

# A stored ledger, then the same with one grant edited (the chain breaks).
def chain(entries):
    prev, out = bytes(32), []
    for kind, doc in entries:
        h = hashlib.blake2b(prev + canon({"kind": kind, "doc": doc}).encode(), digest_size=32).digest()
        out.append({"kind": kind, "doc": doc, "hash": h.hex()})
        prev = h
    return {"v": 1, "program": signed(SHOP), "entries": out, "head": prev.hex()}

entries = [("grant", signed(purchase("p1", T0, "A", [("a", "x", 1, 4000)]))),
           ("claim", {"type": "event", "key": "sv1", "at": T0 + DAY, "name": "survey_completed"}),
           ("grant", signed(purchase("p2", T0 + 2 * DAY, "B", [("a", "x", 1, 3000)])))]
stored = chain(entries)
edited = copy.deepcopy(stored)
edited["entries"][0]["doc"]["payload"]["lines"][0]["unitPriceMinor"] = 400000
resigned = chain([(entries[0][0], dict(entries[0][1], signature=entries[2][1]["signature"]))] +
                 entries[1:])
dropped = copy.deepcopy(stored)
del dropped["entries"][2]
vector("13-stored-ledger", "Load a stored ledger (hash chain checked), then an edited one, one "
       "with a re-chained forged signature, one with its last entry dropped", SHOP, [
           call("loyalty.load", ledger=stored), state(T0 + 3 * DAY),
           call("loyalty.load", ledger=edited), call("loyalty.load", ledger=resigned),
           call("loyalty.load", ledger=dropped),
           call("loyalty.load", events=[signed(purchase("p3", T0, "C", [("a", "x", 1, 100)]))]),
           call("loyalty.export")])

# Service recovery with a goodwill offer: the program's "service_recovery"
# rule decides the points (150, at most 200 a month), the survey records a
# claim, the merchant's server confirms it with a signed grant of the same key.
GOODWILL = {"version": 1, "id": "shop-goodwill", "currency": {"code": "EUR", "minorUnits": 2},
            "rules": [{"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1}},
                      {"id": "sorry", "kind": "event", "event": "service_recovery", "points": 150,
                       "caps": [{"period": "month", "points": 200}]}]}
SUPPORT = {"id": "after-support", "pages": [{"id": "p1", "questions": [
    {"id": "nps", "type": "nps", "required": True,
     "title": "How likely are you to recommend us to a friend?"}]}],
    "recovery": {"when": "{nps} <= 6", "apology": "We are sorry it went wrong.",
                 "goodwillPoints": 200, "goodwillText": "A little something for the trouble."}}


def uuid_v4(hex16):
    b = bytearray(bytes.fromhex(hex16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def session(n, entropy, nps_score, done_at):
    calls = [call("survey.start", surveyId="after-support", startedAt=done_at - 60000,
                  entropy=entropy),
             call("survey.answer", sessionId=n, questionId="nps", value=nps_score)]
    if nps_score <= 6:
        calls += [call("survey.next", sessionId=n),
                  call("survey.answer", sessionId=n, questionId="recovery_contact", value=True),
                  call("survey.answer", sessionId=n, questionId="recovery_channel",
                       value="ana@example.org")]
    calls.append(call("survey.complete", sessionId=n, completedAt=done_at, entropy="5e" * 32))
    return calls


def goodwill_grant(entropy, at):
    rid = uuid_v4(entropy)
    return apply({"type": "event", "key": "goodwill-" + rid, "at": at, "name": "service_recovery",
                  "attributes": {"surveyId": "after-support", "responseId": rid}})


E1, E2, E3, E4 = ("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf", "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf",
                  "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "d0d1d2d3d4d5d6d7d8d9dadbdcdddedf")
vector("14-goodwill", "Service recovery with goodwill: detractor 1 sees an offer of 150 points "
       "(the program's rule), completing records a claim (followUp.goodwillClaim) that "
       "loyalty.state lists apart until the signed grant with the same key confirms it "
       "(confirmsClaim). Detractor 2 is offered 50: the monthly cap of 200 has 150 used. A "
       "promoter gets no recovery page and no offer. After the second grant the cap is spent: "
       "detractor 4's recovery page drops the goodwill text and the record offers 0.", GOODWILL,
       session(1, E1, 3, T0 + DAY) + [
           state(T0 + DAY + 1000),
           goodwill_grant(E1, T0 + DAY),
           state(T0 + DAY + 1000)] +
       session(2, E2, 5, T0 + 2 * DAY) +
       session(3, E3, 10, T0 + 3 * DAY) + [
           goodwill_grant(E2, T0 + 2 * DAY)] +
       session(4, E4, 1, T0 + 4 * DAY) + [state(T0 + 5 * DAY)],
       surveys=[SUPPORT])


# The elements' interface strings: a table locale, a region falling back to
# its language, an RTL one with a region, a language without a table
# (English), and a tag that is not BCP 47 (refused at /locale).
vector("14-ui-strings", "loyalty.strings: de; pt-BR -> pt; he-IL -> he (rtl); ja -> en; a "
       "malformed tag refused", SHOP, [
           call("loyalty.strings", locale="de"), call("loyalty.strings", locale="pt-BR"),
           call("loyalty.strings", locale="he-IL"), call("loyalty.strings", locale="ja"),
           call("loyalty.strings", locale="not a tag!")])

write_key()
