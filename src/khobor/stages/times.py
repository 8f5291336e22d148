"""Calendar expressions in Bengali news, resolved to ISO dates, months or years.

One compiled regular expression (built once from ``data/lexicon/time_*.tsv``) finds the *cores*:
full dates (``১২ নভেম্বর ২০২২``, ``২০২২ সালের ১২ নভেম্বর``, ``নভেম্বরের ১২ তারিখ``, ``১২/১১/২০২২``,
``2022-11-12``), day–month, month(–year), year (``২০২২ সালে``), Bengali-calendar dates
(``২৮ কার্তিক ১৪২৯``), weekdays, relative days (``আজ``, ``গতকাল``, ``পরশু``, ``এদিন``), relative
weeks/months/years (``গত মাসে``) and ``N দিন আগে``. Adjacent cores that name the same day are merged
into one expression (``আজ শনিবার (১২ নভেম্বর)``).

Resolution (``resolved_by``):
- ``explicit``: the text fixes the year (a full date, ``২০২২ সালে``, a Bengali date with its year);
- ``published``: resolved against the publication date (relative words; a day–month without year takes
  the year that puts it nearest the publication date — consistent with the weekday when one is given;
  ``গত``/``আগামী`` force past/future);
- ``weekday``: no publication date, the year comes from weekday + day + month (the most recent year,
  up to ``today``, in which that day falls on that weekday).
With no publication date, one is inferred as the latest explicit or weekday-resolved day in the article
(``published_inferred=True``) and the relative expressions are resolved against it. Expressions that
cannot be resolved are dropped.

Weeks: ``গত সপ্তাহে`` etc. are recognised, but a week is neither a date, a month nor a year, which is
all OUTPUT.md's ``granularity`` allows, so they are not emitted by default; ``EMIT_WEEKS = True`` emits
them with granularity ``week`` and an ISO week value (``2022-W45``).

Bengali calendar: the revised Bangladeshi calendar (2019): the year begins on 14 April; Boishakh–Ashwin
have 31 days, Kartik–Chaitra 30, except Falgun with 29 (30 when the Gregorian year it falls in is a
leap year). Under these rules 1 Poush = 16 December, 8 Falgun = 21 February, 12 Chaitra = 26 March and
27 Kartik 1429 = 2022-11-12.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..article import Span, Time
from ..text.numbers import BN, alt, flex, key, prefixes_of, scan

TODAY: date | None = None  # "today" for weekday inference; None means date.today()
EMIT_WEEKS = False

_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
D = "[0-9\u09e6-\u09ef]"
NB = f"(?![{BN}])"  # no Bengali letter follows
PB = f"(?<![{BN}])"  # no Bengali letter before
# inflections after a month / weekday / relative word
MINF = "(?:-?এর|ের|র|েও|েই|ে|তে|য়|য়|ও|ই|-এ|এ)?"


def _alt(words) -> str:
    return alt(words)


@lru_cache(maxsize=1)
def _lex():
    from ..data.loader import read_tsv

    months = {}
    bmonths = {}
    month_alone = set()
    for r in read_tsv("lexicon/time_months.tsv"):
        k = key(r["word"])
        if r["calendar"] == "bengali":
            bmonths[k] = int(r["month"])
        else:
            months[k] = int(r["month"])
            if r["alone"] == "1":
                month_alone.add(k)
    weekdays = {key(r["word"]): int(r["weekday"]) for r in read_tsv("lexicon/time_weekdays.tsv")}
    rel: dict[str, dict[str, object]] = {}
    for r in read_tsv("lexicon/time_relative.tsv"):
        rel.setdefault(r["kind"], {})[key(r["word"])] = r["value"]
    fut, notfut = [], set()
    for r in read_tsv("lexicon/time_tense.tsv"):
        (fut.append(r["word"]) if r["kind"] == "future" else notfut.add(key(r["word"])))
    return months, bmonths, month_alone, weekdays, rel, fut, notfut


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    months, bmonths, _alone, weekdays, rel, _f, _n = _lex()
    M = f"(?:{_alt(months)})"
    BMN = f"(?:{_alt(bmonths)})"
    W = f"(?:{_alt(weekdays)})"
    Q = f"(?:{_alt(list(rel['past']) + list(rel['future']) + list(rel['current']))})"
    YM = f"(?:{_alt(rel['year_marker'])})"
    DS = f"(?:{_alt(rel['day_suffix'])})"
    DW = f"(?:{_alt(rel['day_word'])})"
    TM = f"(?:{_alt(rel['date_marker'])})"
    DAY = f"(?:{_alt(rel['day'])}|{_alt(rel['parshu'])})"
    UNITREL = f"(?:{_alt(list(rel['week']) + list(rel['month']) + list(rel['year']))})"
    UNIT = f"(?:{_alt(rel['unit'])})"
    AGO = f"(?:{_alt(rel['ago'])})"
    dd = f"(?<![0-9\u09e6-\u09ef/.,-]){D}{{1,2}}(?![0-9\u09e6-\u09ef])"
    day = _Tpl(f"(?:(?P<@N@>{dd})(?:{DS})?{NB}|(?P<@N@w>{DW}){NB})")
    yy = f"(?<![0-9\u09e6-\u09ef]){D}{{4}}(?![0-9\u09e6-\u09ef])"
    tail_tm = f"(?:\\s*{TM}{NB})?"
    parts = [
        # numeric: 2022-11-12 | 12/11/2022 | 12-11-2022 | 12.11.2022
        f"(?=[0-9\u09e6-\u09ef])(?P<iso>(?<![0-9\u09e6-\u09ef]){D}{{4}}-{D}{{1,2}}-{D}{{1,2}}(?![0-9\u09e6-\u09ef]))",
        f"(?=[0-9\u09e6-\u09ef])(?P<num>(?<![0-9\u09e6-\u09ef/.]){D}{{1,2}}([/.-]){D}{{1,2}}\\3{D}{{4}}(?![0-9\u09e6-\u09ef]))",
        # 2022 সালের 12 নভেম্বর
        f"(?=[0-9\u09e6-\u09ef])(?P<ysdm>(?P<ysdm_y>{yy})\\s*(?:{YM}|-?এর){NB}\\s*{day.format(n='ysdm_d')}\\s*(?P<ysdm_m>{M}){MINF}{NB}{tail_tm})",
        # 12 নভেম্বর(,) 2022 | 12 নভেম্বর
        f"(?P<dmy>(?:(?P<dmy_q>{Q}){NB}\\s*)?{day.format(n='dmy_d')}\\s*(?P<dmy_m>{M})(?:(?P<dmy_inf>{MINF}){NB}|\\.)"
        f"(?:,?\\s*(?P<dmy_y>{yy})(?:\\s*{YM}{NB})?)?{tail_tm})",
        # নভেম্বরের 12 তারিখ | নভেম্বর 12, 2022
        f"(?P<mdt>(?P<mdt_m>{M})(?:ের|-?এর|র|\\s+মাসের){NB}\\s*{day.format(n='mdt_d')}\\s*{TM}{NB})",
        f"(?P<mdy>(?P<mdy_m>{M}){NB}\\s*{day.format(n='mdy_d')},\\s*(?P<mdy_y>{yy}))",
        # চলতি মাসের 12 তারিখ
        f"(?P<cmdt>(?:চলতি|এ|এই)\\s+মাসের\\s*{day.format(n='cmdt_d')}\\s*{TM}{NB})",
        # Bengali calendar: 28 কার্তিক 1429 | পহেলা বৈশাখ
        f"(?P<bd>{day.format(n='bd_d')}\\s*(?P<bd_m>{BMN}){MINF}{NB}(?:,?\\s*(?P<bd_y>{yy})(?:\\s*{YM}{NB})?)?)",
        # 2022 সালের নভেম্বর(ে) | নভেম্বর 2022 | (গত) নভেম্বরে | নভেম্বর মাসে
        f"(?=[0-9\u09e6-\u09ef])(?P<ysm>(?P<ysm_y>{yy})\\s*(?:{YM}|-?এর){NB}\\s*(?P<ysm_m>{M}){MINF}{NB}(?:\\s*মাস{MINF}{NB})?)",
        f"(?P<my>(?:(?P<my_q>{Q}){NB}\\s*)?{PB}(?P<my_m>{M})(?:(?P<my_inf>{MINF}){NB})"
        f"(?:,?\\s*(?P<my_y>{yy})(?:\\s*{YM}{NB})?|(?P<my_mas>\\s*মাস{MINF}{NB}))?)",
        # 2022 সালে | 2022 খ্রিস্টাব্দে | 2022-এ
        f"(?=[0-9\u09e6-\u09ef])(?P<y>(?P<y_y>{yy})(?:\\s*{YM}{NB}|-(?:এর|এ){NB}))",
        # N দিন আগে
        f"(?P<ago>{PB}(?P<ago_n>{D}{{1,3}}|{_alt(_unit_words())})\\s*(?P<ago_u>{UNIT}){MINF}{NB}\\s*{AGO}{NB})",
        # relative unit: গত মাসে, চলতি বছরের
        f"(?P<ru>{PB}(?P<ru_w>{UNITREL}){MINF}{NB})",
        # weekday with optional qualifier: (গত) শনিবার
        f"(?P<wd>{PB}(?:(?P<wd_q>{Q}){NB}\\s*)?(?P<wd_w>{W}){MINF}{NB})",
        # relative day
        f"(?P<rd>{PB}(?P<rd_w>{DAY}){MINF}{NB})",
    ]
    return re.compile("|".join(parts))


class _Tpl(str):
    def format(self, n: str) -> str:  # type: ignore[override]
        return self.replace("@N@", n)


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    months, bmonths, _alone, weekdays, rel, _f, _n = _lex()
    # (the last three open the "চলতি মাসের ১২ তারিখ" branch)
    words = list(months) + list(bmonths) + list(weekdays) + _unit_words() + ["এ মাসের", "এই মাসের", "চলতি মাসের"]
    for kind in ("past", "future", "current", "day", "parshu", "week", "month", "year", "day_word"):
        words += list(rel[kind])
    return prefixes_of(words)


@lru_cache(maxsize=1)
def _unit_words() -> list[str]:
    from ..text.numbers import lexicon

    return [w for w, (k, v, _b) in lexicon().items() if k == "unit" and v is not None and v < 100 and " " not in w]


def _int(s: str) -> int:
    return int(s.translate(_DIGITS))


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def bengali_to_gregorian(day: int, month: int, year: int) -> date:
    """Revised Bangladeshi calendar (2019) → Gregorian date."""
    g_year = year + 593
    start = date(g_year, 4, 14)
    offset = 0
    for mo in range(1, month):
        if mo <= 6:
            offset += 31
        elif mo == 11:
            offset += 30 if _leap(g_year + 1) else 29
        else:
            offset += 30
    return start + timedelta(days=offset + day - 1)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    s = str(published).strip().translate(_DIGITS)
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if not m:
        return None
    return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))


class _Core:
    __slots__ = ("start", "end", "kind", "y", "m", "d", "wd", "q", "off", "unit", "by", "cal", "parshu")

    def __init__(self, start, end, kind, **kw):
        self.start, self.end, self.kind = start, end, kind
        self.y = kw.get("y")
        self.m = kw.get("m")
        self.d = kw.get("d")
        self.wd = kw.get("wd")
        self.q = kw.get("q")  # past | future | current | None
        self.off = kw.get("off")
        self.unit = kw.get("unit")
        self.by = kw.get("by")
        self.cal = kw.get("cal", "gregorian")
        self.parshu = kw.get("parshu", False)


def _qual(word: str | None) -> str | None:
    if not word:
        return None
    rel = _lex()[4]
    k = key(word)
    for kind in ("past", "future", "current"):
        if k in rel[kind]:
            return kind
    return None


def _day(m: re.Match, n: str) -> int | None:
    if m.group(n):
        return _int(m.group(n))
    if m.group(n + "w"):
        return int(_lex()[4]["day_word"][key(m.group(n + "w"))])
    return None


def _month(word: str) -> int:
    w = key(word)
    months = _lex()[0]
    if w in months:
        return months[w]
    # the regex allows a trailing dot on short forms
    return months.get(w.rstrip("."), months.get(w + ".", 0))


_STRIP_INF = re.compile(f"{MINF}$")


def _lookup(table: dict, word: str):
    k = key(word)
    if k in table:
        return table[k]
    for cut in range(1, 4):
        if k[:-cut] in table:
            return table[k[:-cut]]
    return None


def _cores(text: str) -> list[_Core]:
    months, bmonths, alone, weekdays, rel, _f, _n = _lex()
    out: list[_Core] = []
    for m in scan(text, _regex(), _prefixes()):
        g = m.lastgroup
        s, e = m.start(), m.end()
        if g == "iso":
            y, mo, d = (int(x) for x in m.group().translate(_DIGITS).split("-"))
            if _valid(y, mo, d):
                out.append(_Core(s, e, "ymd", y=y, m=mo, d=d, by="explicit"))
        elif g == "num":
            d, mo, y = (int(x) for x in re.split(r"[/.-]", m.group().translate(_DIGITS)))
            if _valid(y, mo, d) and 1900 <= y <= 2100:
                out.append(_Core(s, e, "ymd", y=y, m=mo, d=d, by="explicit"))
        elif g == "ysdm":
            y, d, mo = _int(m.group("ysdm_y")), _day(m, "ysdm_d"), _month(m.group("ysdm_m"))
            if _valid(y, mo, d):
                out.append(_Core(s, e, "ymd", y=y, m=mo, d=d, by="explicit"))
        elif g == "dmy":
            d, mo = _day(m, "dmy_d"), _month(m.group("dmy_m"))
            if not mo or not (1 <= d <= 31):
                continue
            if m.group("dmy_y"):
                y = _int(m.group("dmy_y"))
                if _valid(y, mo, d):
                    out.append(_Core(s, e, "ymd", y=y, m=mo, d=d, by="explicit"))
            elif _valid(2000, mo, d):
                out.append(_Core(s, e, "dm", m=mo, d=d, q=_qual(m.group("dmy_q"))))
        elif g == "mdt":
            d, mo = _day(m, "mdt_d"), _month(m.group("mdt_m"))
            if mo and _valid(2000, mo, d):
                out.append(_Core(s, e, "dm", m=mo, d=d))
        elif g == "mdy":
            d, mo, y = _day(m, "mdy_d"), _month(m.group("mdy_m")), _int(m.group("mdy_y"))
            if mo and _valid(y, mo, d):
                out.append(_Core(s, e, "ymd", y=y, m=mo, d=d, by="explicit"))
        elif g == "cmdt":
            d = _day(m, "cmdt_d")
            if 1 <= d <= 31:
                out.append(_Core(s, e, "cmd", d=d))
        elif g == "bd":
            d, mo = _day(m, "bd_d"), _lookup(bmonths, m.group("bd_m"))
            if not mo or not (1 <= d <= 31):
                continue
            if m.group("bd_y"):
                y = _int(m.group("bd_y"))
                if 1300 <= y <= 1500:
                    out.append(_Core(s, e, "bdmy", y=y, m=mo, d=d, by="explicit", cal="bengali"))
                else:
                    e = m.start("bd_y")
                    e = len(text[:e].rstrip(" ,"))
                    out.append(_Core(s, e, "bdm", m=mo, d=d, cal="bengali"))
            else:
                out.append(_Core(s, e, "bdm", m=mo, d=d, cal="bengali"))
        elif g == "ysm":
            y, mo = _int(m.group("ysm_y")), _month(m.group("ysm_m"))
            if mo and 1900 <= y <= 2100:
                out.append(_Core(s, e, "ym", y=y, m=mo, by="explicit"))
        elif g == "my":
            word = m.group("my_m")
            mo = _month(word)
            if not mo:
                continue
            if m.group("my_y"):
                y = _int(m.group("my_y"))
                if 1900 <= y <= 2100:
                    out.append(_Core(s, e, "ym", y=y, m=mo, by="explicit"))
                continue
            q = _qual(m.group("my_q"))
            if key(word) not in alone and not q and not m.group("my_mas"):
                continue
            before = text[max(0, m.start("my_m") - 4):m.start("my_m")]
            if "লং" in before or "রোড" in before:
                continue
            out.append(_Core(s, e, "m", m=mo, q=q))
        elif g == "y":
            y = _int(m.group("y_y"))
            if 1900 <= y <= 2100:
                out.append(_Core(s, e, "y", y=y, by="explicit"))
            elif 1300 <= y <= 1500:
                out.append(_Core(s, e, "y", y=y + 593, by="explicit", cal="bengali"))
        elif g == "ago":
            n = m.group("ago_n")
            n = _int(n) if n[0] in "0123456789০১২৩৪৫৬৭৮৯" else int(_unit_value(n))
            u = rel["unit"][key(m.group("ago_u"))]
            out.append(_Core(s, e, "rel", off=-n, unit=u))
        elif g == "ru":
            w = key(m.group("ru_w"))
            for u in ("week", "month", "year"):
                if w in rel[u]:
                    out.append(_Core(s, e, "rel", off=int(rel[u][w]), unit=u))
                    break
        elif g == "wd":
            wd = _lookup(weekdays, m.group("wd_w"))
            if wd is not None:
                out.append(_Core(s, e, "wd", wd=wd, q=_qual(m.group("wd_q"))))
        elif g == "rd":
            w = key(m.group("rd_w"))
            if w in rel["parshu"]:
                out.append(_Core(s, e, "rel", off=2, unit="day", parshu=True))
            else:
                v = _lookup(rel["day"], m.group("rd_w"))
                if v is not None:
                    out.append(_Core(s, e, "rel", off=int(v), unit="day"))
    return _merge(text, out)


def _unit_value(word: str) -> float:
    from ..text.numbers import lexicon

    return lexicon()[key(word)][1]


_GAP = re.compile(r"[ ,\u00a0]*\(?[ ]*\Z")


def _merge(text: str, cores: list[_Core]) -> list[_Core]:
    """Join a relative day / weekday / day-date that follow each other into one expression."""
    out: list[_Core] = []
    for c in cores:
        if out:
            p = out[-1]
            gap = text[p.end:c.start]
            if len(gap) <= 4 and _GAP.match(gap):
                if p.kind == "rel" and p.unit == "day" and c.kind == "wd":
                    p.end, p.wd = c.end, c.wd
                    continue
                if p.kind in ("wd", "rel") and (p.kind == "wd" or p.unit == "day") and c.kind in ("ymd", "dm", "bdmy", "bdm", "cmd"):
                    c.start = p.start
                    c.wd = p.wd if p.kind == "wd" else c.wd
                    if p.kind == "wd" and p.q and not c.q:
                        c.q = p.q
                    if "(" in gap:
                        close = re.match(r"[ ]*\)", text[c.end:])
                        if close:
                            c.end += close.end()
                    out[-1] = c
                    continue
                if c.kind == "wd" and p.kind in ("ymd", "dm") and "(" not in gap:
                    p.end = c.end
                    p.wd = c.wd
                    continue
        out.append(c)
    return out


def _future(text: str, pos: int) -> bool:
    """Is the sentence around ``pos`` about the future (cheap look at its verbs)?"""
    a = max(text.rfind("।", 0, pos), text.rfind("\n", 0, pos)) + 1
    b = len(text)
    for ch in "।\n":
        i = text.find(ch, pos)
        if i != -1:
            b = min(b, i)
    # the main verb closes a Bengali sentence: look at its last words only (quoted speech inside a
    # past-tense report must not make the report future)
    tail = text[a:b].rstrip(" '\"’”)")
    return _tense_re().search(tail, max(0, len(tail) - 30)) is not None


@lru_cache(maxsize=1)
def _tense_re() -> re.Pattern[str]:
    fut, notfut = _lex()[5], _lex()[6]
    neg = "".join(f"(?<!{flex(w)})" for w in notfut if len(w) >= 2)
    return re.compile(f"{PB}(?:{_alt(fut)}){NB}|[{BN}]{{2,}}(?:বে|বেন|বো){NB}{neg}")


def _nearest(pub: date, mo: int, d: int | None, q: str | None, wd: int | None) -> date | None:
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        dt = _valid(y, mo, d or 1)
        if dt is None:
            continue
        if d is None:  # month: compare months
            diff = (y - pub.year) * 12 + mo - pub.month
            if q == "past" and diff >= 0 or q == "future" and diff <= 0 or q == "current" and y != pub.year:
                continue
        else:
            diff = (dt - pub).days
            if q == "past" and diff > 0 or q == "future" and diff < 0:
                continue
        cands.append((wd is not None and d is not None and dt.weekday() != wd, abs(diff), diff > 0, dt))
    if not cands:
        return None
    return min(cands)[3]


def _weekday_year(mo: int, d: int, wd: int, today: date) -> date | None:
    for y in range(today.year, today.year - 40, -1):
        dt = _valid(y, mo, d)
        if dt and dt <= today and dt.weekday() == wd:
            return dt
    return None


def _resolve(text: str, c: _Core, pub: date | None, today: date) -> tuple[str, str, str] | None:
    """(value, granularity, resolved_by) or None."""
    k = c.kind
    if k == "ymd":
        return date(c.y, c.m, c.d).isoformat(), "day", "explicit"
    if k == "bdmy":
        try:
            return bengali_to_gregorian(c.d, c.m, c.y).isoformat(), "day", "explicit"
        except ValueError:
            return None
    if k == "ym":
        return f"{c.y:04d}-{c.m:02d}", "month", "explicit"
    if k == "y":
        return f"{c.y:04d}", "year", "explicit"
    if k == "dm":
        if pub is None:
            if c.wd is None:
                return None
            dt = _weekday_year(c.m, c.d, c.wd, today)
            return (dt.isoformat(), "day", "weekday") if dt else None
        dt = _nearest(pub, c.m, c.d, c.q, c.wd)
        return (dt.isoformat(), "day", "published") if dt else None
    if pub is None:
        return None
    if k == "cmd":
        dt = _valid(pub.year, pub.month, c.d)
        return (dt.isoformat(), "day", "published") if dt else None
    if k == "bdm":
        best = None
        for by in (pub.year - 594, pub.year - 593):
            try:
                dt = bengali_to_gregorian(c.d, c.m, by)
            except ValueError:
                continue
            if best is None or abs((dt - pub).days) < abs((best - pub).days):
                best = dt
        return (best.isoformat(), "day", "published") if best else None
    if k == "m":
        dt = _nearest(pub, c.m, None, c.q, None)
        return (f"{dt.year:04d}-{dt.month:02d}", "month", "published") if dt else None
    if k == "wd":
        delta = (pub.weekday() - c.wd) % 7
        if c.q == "future" or (c.q is None and delta and _future(text, c.start)):
            ahead = (c.wd - pub.weekday()) % 7 or 7
            dt = pub + timedelta(days=ahead)
        elif c.q == "past":
            dt = pub - timedelta(days=delta or 7)
        else:
            dt = pub - timedelta(days=delta)
        return dt.isoformat(), "day", "published"
    if k == "rel":
        if c.unit == "day":
            off = c.off
            if c.parshu:
                off = 2 if _future(text, c.start) else -2
            return (pub + timedelta(days=off)).isoformat(), "day", "published"
        if c.unit == "week":
            if not EMIT_WEEKS:
                return None
            iso = (pub + timedelta(weeks=c.off)).isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}", "week", "published"
        if c.unit == "month":
            n = pub.year * 12 + pub.month - 1 + c.off
            return f"{n // 12:04d}-{n % 12 + 1:02d}", "month", "published"
        if c.unit == "year":
            return f"{pub.year + c.off:04d}", "year", "published"
    return None


def find_times(
    text: str, published: str | None, sentences: list[Span] | None = None, *, today: date | None = None
) -> tuple[list[Time], str | None, bool]:
    """Calendar expressions in ``text`` → ``(times, published_date_used, published_inferred)``.

    ``published`` is an ISO date or datetime (``2024-01-02``, ``2024/08/12``, ``2024-01-02 04:37:50``)
    or ``None``; ``today`` bounds weekday-based year inference (default ``TODAY`` or ``date.today()``).
    ``sentences`` is accepted for the pipeline's signature; tense is read from the text directly.
    """
    today = today or TODAY or date.today()
    pub = _parse_published(published)
    inferred = False
    cores = _cores(text)
    if pub is None:
        days = []
        for c in cores:
            if c.kind in ("ymd", "bdmy", "dm"):
                r = _resolve(text, c, None, today)
                if r and r[1] == "day":
                    days.append(date.fromisoformat(r[0]))
        days = [d for d in days if d <= today] or days
        if days:
            pub, inferred = max(days), True
    times: list[Time] = []
    for c in cores:
        r = _resolve(text, c, pub, today)
        if r is None:
            continue
        value, gran, by = r
        if c.kind == "dm" and published is None and c.wd is not None and by == "published":
            by = "weekday"
        cal = c.cal if c.kind != "rel" else "relative"
        if c.kind == "wd":
            cal = "relative"
        times.append(Time(text[c.start:c.end], c.start, c.end, value, gran, by, cal))
    times = _bare_years(text, times)
    if times:
        times = _year_then_date(times)
        times = _anaphoric_days(text, times)
    return times, (pub.isoformat() if pub else None), inferred


def _year_then_date(times: list[Time]) -> list[Time]:
    """``গত বছর মে মাসের ২৮ তারিখে`` is one date in last year: a relative year right before a day or
    month that carries no year of its own gives it that year (one expression, as ANNOTATION.md counts)."""
    out: list[Time] = []
    for t in times:
        prev = out[-1] if out else None
        if prev is not None and prev.granularity == "year" and prev.calendar == "relative" and prev.value \
                and 0 <= t.start - prev.end <= 1 and t.granularity in ("day", "month") and t.value \
                and t.resolved_by == "published" and t.calendar != "relative":
            value = prev.value[:4] + t.value[4:]
            if t.granularity == "day" and _valid(int(value[:4]), int(value[5:7]), int(value[8:10])) is None:
                out.append(t)
                continue
            out[-1] = Time(prev.text + " " * (t.start - prev.end) + t.text, prev.start, t.end, value,
                           t.granularity, "published", t.calendar)
            continue
        out.append(t)
    return out


@lru_cache(maxsize=1)
def _anaphor_rx() -> re.Pattern | None:
    from ..data.loader import read_tsv

    words = sorted((r["word"] for r in read_tsv("lexicon/time_relative.tsv") if r["kind"] == "anaphor_day"),
                   key=len, reverse=True)
    if not words:
        return None
    # the word, optionally inflected (সেদিনের, সেদিনই, ওই দিনও), at a word boundary. The boundary check
    # sits after each word's first letter so that every branch starts with a literal and the regex
    # engine can skip to those letters in C instead of trying the pattern at every position.
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    branches = [f"{re.escape(c)}(?<![\u0980-\u09e5\u09f0-\u09ff]{re.escape(c)})(?:" + "|".join(map(re.escape, rests)) + ")"
                for c, rests in by_first.items()]
    return re.compile("(?:" + "|".join(branches) + ")(?:ের|ও|ই|টি)?(?![\u0980-\u09e5\u09f0-\u09ff])")


def _anaphoric_days(text: str, times: list[Time]) -> list[Time]:
    """``সেদিন`` / ``ওই দিন`` (that day) take the value of the last full date the article gave before them
    (ANNOTATION.md: "এদিন (that day) is a time when the day is clear"); with none before, nothing."""
    rx = _anaphor_rx()
    if rx is None:
        return times
    out = list(times)
    for m in rx.finditer(text):
        if any(t.start <= m.start() < t.end for t in times):
            continue
        prev = [t for t in times if t.end <= m.start() and t.granularity == "day" and t.value]
        if not prev:
            continue
        last = prev[-1]
        out.append(Time(m.group(), m.start(), m.end(), last.value, "day", last.resolved_by, "relative"))
    out.sort(key=lambda t: t.start)
    return out


# four digits starting 1 or 2, not inside a longer number, a range or a date. The first digit comes
# before the lookbehind so that the regex engine skips to candidate digits in C; a match mixing ASCII
# and Bengali digits is dropped in _bare_years (the digit run around it holds no other match either).
_BARE_YEAR = re.compile("([12\u09e7\u09e8](?<![0-9\u09e6-\u09ef,./:-][12\u09e7\u09e8])[0-9\u09e6-\u09ef]{3})"
                        "(?![0-9\u09e6-\u09ef.,/:-])")
_NEXT_WORD = re.compile("\\s*([\u0980-\u09e5\u09f0-\u09ff]+)")


@lru_cache(maxsize=1)
def _not_year_after() -> frozenset[str]:
    from ..data.loader import read_tsv

    return frozenset(r["word"] for r in read_tsv("lexicon/time_relative.tsv") if r["kind"] == "not_year_after")


def _bare_years(text: str, times: list[Time]) -> list[Time]:
    """A year written alone (``২০২৫``, ``2024``): 1900–2100, not part of another time, not a range or a
    fiscal year (``২০২৪-২৫``), and not a count or an amount (``২০২৪ জন``, ``২০২৫ টাকা``)."""
    out = None
    for m in _BARE_YEAR.finditer(text):
        if any(t.start <= m.start() < t.end for t in times):
            continue
        digits = m.group(1)
        if not digits.isascii() and any(c < "\u0980" for c in digits):
            continue  # mixed ASCII and Bengali digits
        y = int(digits.translate(_DIGITS))
        if not 1900 <= y <= 2100:
            continue
        if any(0 <= m.start() - t.end <= 2 and t.value == str(y) for t in times):
            continue  # "আগামী বছরের ২০২৫": the year restates the expression just before it
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt and any(nxt.group(1).startswith(w) for w in _not_year_after()):
            continue
        out = out if out is not None else list(times)
        out.append(Time(m.group(1), m.start(1), m.end(1), str(y), "year", "explicit", "gregorian"))
    if out is None:
        return times
    out.sort(key=lambda t: t.start)
    return out
