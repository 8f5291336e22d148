"""Casualty and other people counts, money and percentages in Bengali news.

People counts (ANNOTATION.md kinds killed | injured | arrested | missing | kidnapped) are numbers tied to
an outcome word in either order:
- count first: ``১৫ জন নিহত``, ``একই পরিবারের ৪ জন দগ্ধ``, ``১০ জনকে গ্রেপ্তার`` — a counting word
  (``জন``, ``ব্যক্তি``, ``শিক্ষার্থী`` …) and up to three more words before the outcome, or the outcome
  right after the number (``শতাধিক আহত``);
- outcome first: ``নিহত হয়েছেন ১৫ জন``, ``আটক ১০০``, ``নিহতের সংখ্যা বেড়ে ২০`` — the outcome, up to three
  bridge words, the number, then a counting word or the end of the clause.
A later count of the same kind and value, or an updated toll (``বেড়ে``) of a kind already counted, is
``restated=True``. Money (``১০ কোটি টাকা`` → 100000000 BDT) and percentages (``১২ শতাংশ``, ``১২%``) are
a number followed by a unit. Vocabulary: ``data/lexicon/qty_*.tsv``; numbers: :mod:`khobor.text.numbers`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..article import Span, Quantity
from ..text.numbers import BN, alt, prefixes_of, scan, find_numbers, key

NB = f"(?![{BN}])"


def _alt(words) -> str:
    return alt(words)


@lru_cache(maxsize=1)
def _data():
    from ..data.loader import read_tsv

    outcomes = {key(r["word"]): r for r in read_tsv("lexicon/qty_outcomes.tsv")}
    counters = read_tsv("lexicon/qty_counters.tsv")
    units = {key(r["word"]): (r["kind"], r["unit"]) for r in read_tsv("lexicon/qty_units.tsv")}
    bridges = {key(r["word"]): r["update"] == "1" for r in read_tsv("lexicon/qty_bridges.tsv")}
    after = [w for w, r in outcomes.items() if r["after"] == "1"]
    before = [w for w, r in outcomes.items() if r["before"] == "1"]
    spaced = [key(r["word"]) for r in counters if key(r["word"]) != "টি"]
    glued = [key(r["word"]) for r in counters if r["glued"] == "1" and key(r["word"]) != "টি"]
    out_after = f"(?P<out>{_alt(after)}){NB}"
    counter = f"(?:[ \u00a0]*['’]?(?:{_alt(glued)})|[ \u00a0]+(?:{_alt(spaced)}))"
    filler = f"(?:[ \u00a0]+(?!{_alt(before)}{NB})[{BN}]+)"
    re_after = re.compile(
        f"(?:(?P<cnt>{counter}){NB}{filler}{{0,3}}|(?P<ti>টি)(?:[ \u00a0]+)?|)[ \u00a0]*{out_after}"
    )
    bridge = f"(?:[ \u00a0]+(?:{_alt(bridges)}){NB})"
    re_before = re.compile(f"(?<![{BN}])(?P<out>{_alt(before)}){NB}")
    re_bridge = re.compile(f"(?P<br>{bridge}{{0,3}})[ \u00a0]*")
    re_tail = re.compile(f"(?P<cnt>(?:[ \u00a0]+[{BN}]+)?{counter}){NB}|[ \u00a0]*(?:জনে{NB}|[,;।)\\-–]|ও{NB}|এবং{NB}|\\Z)")
    re_unit = re.compile(f"[ \u00a0]*(?P<u>{_alt(units)})(?:{NB}|(?<=%))")
    vague = re.compile(_alt(r["word"] for r in read_tsv("lexicon/qty_vague.tsv")))
    return outcomes, units, bridges, re_after, (re_before, re_bridge, prefixes_of(before)), re_tail, re_unit, vague


_SKIP_AFTER = re.compile(f"[ \u00a0]*(?:সাল|খ্রি|বছর|টা{NB}|টায়|টার|তম|ম{NB}|[/:.][0-9\u09e6-\u09ef])")


def find_quantities(text: str, sentences: list[Span] | None = None) -> list[Quantity]:
    """People counts tied to an outcome, money and percentages, in text order."""
    outcomes, units, bridges, re_after, re_before, re_tail, re_unit, vague = _data()
    found: list[Quantity] = []
    seen: dict[str, set] = {}
    re_out, re_bridge, out_prefixes = re_before
    numbers = find_numbers(text)
    outs = list(scan(text, re_out, out_prefixes)) if numbers else []
    starts = [n[0] for n in numbers]
    for i, (start, end, value, approx, ordinal) in enumerate(numbers):
        if ordinal:
            continue
        mu = re_unit.match(text, end)
        if mu:
            kind, unit = units[key(mu.group("u"))]
            found.append(Quantity(text[start:mu.end()], start, mu.end(), kind, value, approx, unit if unit != "%" else "%"))
            continue
        if not float(value).is_integer() or value <= 0 or _SKIP_AFTER.match(text, end):
            continue
        if approx and vague.search(text, start, end):
            continue
        nxt = starts[i + 1] if i + 1 < len(starts) else len(text)
        value = int(value)
        q = None
        ma = re_after.match(text, end)
        if ma and ma.start("out") > nxt:  # another count sits between (দুই পুলিশ সদস্যসহ পাঁচজন নিহত)
            ma = None
            continue
        if ma:
            kind = outcomes[key(ma.group("out"))]["kind"]
            q = Quantity(text[start:ma.end()], start, ma.end(), kind, value, approx, "people")
            update = False
        else:
            a = max(0, start - 80)
            cut = max(text.rfind("।", a, start), text.rfind("\n", a, start), text.rfind(",", a, start))
            a = max(a, cut + 1)
            mb = None
            for o in outs:
                if o.start() >= start:
                    break
                if o.start() >= a:
                    br = re_bridge.fullmatch(text, o.end(), start)
                    if br:
                        mb = (o, br)
            mt = re_tail.match(text, end) if mb else None
            if mb and mt:
                o, br = mb
                kind = outcomes[key(o.group("out"))]["kind"]
                e = mt.end("cnt") if mt.group("cnt") else end
                q = Quantity(text[o.start():e], o.start(), e, kind, value, approx, "people")
                update = any(bridges.get(key(w), False) for w in br.group("br").split())
        if q is None:
            continue
        prior = seen.setdefault(q.kind, set())
        if value in prior or (update and prior and max(prior) < value):
            q.restated = True
        prior.add(value)
        found.append(q)
    return found
