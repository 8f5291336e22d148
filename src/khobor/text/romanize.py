"""Readable English-style romanisation of Bengali names: ``নিকোলাই পাত্রুশেভ`` → ``Nikolai Patrushev``.

Not a scholarly transliteration (ISO 15919 would write ``nikōlā'i pātruśēbh``) but the spelling an
English-language newspaper would use for a name it has never seen:

* each word is cut into units (consonant cluster + vowel sign); a unit without a sign carries the
  inherent vowel, written ``a``; it is dropped word-finally (``পুতিন`` → Putin, not Putino) except after
  a conjunct ending in র/য-phala (``মিত্র`` → Mitra), and dropped between two sounded vowels when it sits
  on a single consonant (schwa deletion: ``রহমান`` → Rahman, ``শামখানি`` → Shamkhani);
* ভ is ``bh`` but ``v`` word-finally and before a conjunct (``পাত্রুশেভ`` → Patrushev, ``ভ্লাদিমির`` →
  Vladimir); ব after a consonant (ব-phala) is ``w``; ও + য় is ``w`` (``ওয়াশিংটন`` → Washington);
* whole words found in ``data/lexicon/romanize_names.tsv`` (common given names and surnames, also under
  a case ending: ``হোসেনের`` → Hossain) use the listed spelling.
"""

from __future__ import annotations

from functools import lru_cache

from .inflect import stems
from .normalize import fold, normalize

HASANTA = "\u09cd"
NUKTA = "\u09bc"

_CONS = {
    "ক": "k", "খ": "kh", "গ": "g", "ঘ": "gh", "ঙ": "ng", "চ": "ch", "ছ": "chh", "জ": "j", "ঝ": "jh",
    "ঞ": "n", "ট": "t", "ঠ": "th", "ড": "d", "ঢ": "dh", "ণ": "n", "ত": "t", "থ": "th", "দ": "d",
    "ধ": "dh", "ন": "n", "প": "p", "ফ": "f", "ব": "b", "ভ": "bh", "ম": "m", "য": "j", "র": "r",
    "ল": "l", "শ": "sh", "ষ": "sh", "স": "s", "হ": "h", "ড়": "r", "ঢ়": "rh", "য়": "y", "ৎ": "t",
}
_VOWEL = {"অ": "a", "আ": "a", "ই": "i", "ঈ": "i", "উ": "u", "ঊ": "u", "ঋ": "ri", "এ": "e", "ঐ": "oi",
          "ও": "o", "ঔ": "ou"}
_SIGN = {"া": "a", "ি": "i", "ী": "i", "ু": "u", "ূ": "u", "ৃ": "ri", "ে": "e", "ৈ": "oi", "ো": "o",
         "ৌ": "ou"}
_MOD = {"ং": "ng", "ঃ": "h", "ঁ": ""}
_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_INH = "\x00"  # marks "inherent vowel" in a unit


@lru_cache(maxsize=1)
def _overrides() -> dict[str, str]:
    from ..data.loader import read_tsv

    out: dict[str, str] = {}
    for r in read_tsv("lexicon/romanize_names.tsv"):
        out.setdefault(fold(r["bengali"]), r["english"])
    return out


def _letters(word: str) -> list[str]:
    """Characters with nukta letters (য়, ড়, ঢ় in decomposed NFC form) joined into one."""
    out: list[str] = []
    for ch in word:
        if ch == NUKTA and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _tokenise_clusters(word: str) -> list[list]:
    """[[consonant cluster], vowel, modifiers] units; vowel: a sign's romanisation, _INH (inherent),
    "" (hasanta), "V"+independent vowel, or "X"+a non-letter."""
    units: list[list] = []
    cons: list[str] = []
    open_ = False  # last consonant was followed by a hasanta
    for ch in _letters(word):
        if ch in _CONS:
            if cons and not open_:
                units.append([cons, _INH, ""])
                cons = []
            cons.append(ch)
            open_ = False
        elif ch == HASANTA:
            open_ = True
        else:
            if cons:
                if ch in _SIGN:
                    units.append([cons, _SIGN[ch], ""])
                    cons = []
                    continue
                units.append([cons, "" if open_ else _INH, ""])
                cons = []
            open_ = False
            if ch in _SIGN:
                units.append([[], _SIGN[ch], ""])
            elif ch in _VOWEL:
                units.append([[], "V" + ch, ""])
            elif ch in _MOD:
                if units:
                    units[-1][2] += _MOD[ch]
                else:
                    units.append([[], "", _MOD[ch]])
            else:
                units.append([[], "X" + ch.translate(_DIGITS), ""])
    if cons:
        units.append([cons, "" if open_ else _INH, ""])
    return units


def _cluster(cons: list[str], first: bool, final: bool) -> str:
    out = []
    for k, c in enumerate(cons):
        if k > 0 and c == "ব":
            out.append("w")
        elif k > 0 and c == "য":
            out.append("y")
        elif c == "ভ" and (final or (len(cons) > 1 and k + 1 < len(cons))):
            out.append("v")
        elif c == "ক" and k + 1 < len(cons) and cons[k + 1] == "ষ":
            out.append("k")
        elif c == "ষ" and k > 0 and cons[k - 1] == "ক":
            out.append("sh")
        elif c == "জ" and k + 1 < len(cons) and cons[k + 1] == "ঞ":
            out.append("g")
        elif c == "ঞ" and k > 0 and cons[k - 1] == "জ":
            out.append("y")
        else:
            out.append(_CONS[c])
    s = "".join(out)
    # simplify doubled digraphs: চ্ছ → chchh → chh, চ্চ → chch → cch
    s = s.replace("chchh", "chh").replace("chch", "cch")
    return s


def _word(word: str) -> str:
    units = _tokenise_clusters(word)
    n = len(units)
    # which units sound a vowel
    sounded = [bool(u[1]) and not u[1].startswith("X") for u in units]
    # word-final inherent vowel: dropped, except after a conjunct ending in র/য-phala (মিত্র → Mitra)
    last = n - 1
    while last >= 0 and units[last][1].startswith("X"):
        last -= 1
    if last >= 0 and units[last][1] == _INH:
        cons = units[last][0]
        if not (len(cons) > 1 and cons[-1] in "রয"):
            units[last][1] = ""
            sounded[last] = False
    # an inherent vowel right before an independent vowel is dropped (সালাহউদ্দিন → Salahuddin)
    for i in range(n - 1):
        if units[i][1] == _INH and units[i + 1][1].startswith("V"):
            units[i][1] = ""
            sounded[i] = False
    # schwa deletion: V C(a) C V → V C C V, on a single consonant, left to right
    for i in range(1, n - 1):
        if units[i][1] == _INH and len(units[i][0]) == 1 and not units[i][2] and sounded[i - 1] \
                and units[i - 1][0] and units[i + 1][0] and sounded[i + 1]:
            units[i][1] = ""
            sounded[i] = False
    out = []
    for i, (cons, vowel, mod) in enumerate(units):
        final = i == n - 1 or all(not u[0] and u[1].startswith("X") for u in units[i + 1:])
        if cons:
            # ভ is v word-finally and before another consonant (পাত্রুশেভ, লাভরভ, ভ্লাদিমির)
            vee = not vowel and (final or (i + 1 < n and bool(units[i + 1][0])))
            rom = _cluster(cons, i == 0, vee)
            if cons[-1] == "য" and len(cons) > 1 and vowel == "a":
                rom = rom[:-1]  # য-phala before া is English "a": হ্যারিস → Haris, ব্যাংক → bank
            if cons == ["য়"] and "".join(out).endswith("i") and vowel:
                rom = ""  # glide after i: কিয়েভ → Kiev, জিয়া → Zia
            out.append(rom)
        if vowel == _INH:
            nxt = units[i + 1] if i + 1 < n else None
            # Russian -ov: the vowel before a word-final ভ (লাভরভ → Lavrov)
            out.append("o" if nxt is not None and nxt[0] == ["ভ"] and i + 1 == last else "a")
        elif vowel.startswith("V"):
            ch = vowel[1:]
            nxt = units[i + 1] if i + 1 < n else None
            if ch == "ও" and nxt and nxt[0] == ["য়"]:
                out.append("w")
                nxt[0] = []
                if nxt[1] == _INH:
                    nxt[1] = "a"
            elif ch == "ই" and i == 0 and nxt and nxt[1] == "Vউ":
                out.append("y")  # ইউক্রেন → Yukren, ইউনূস → Yunus
            elif ch == "অ" and i == 0:
                out.append("o" if nxt and nxt[1] == "o" else "a")
            else:
                out.append(_VOWEL[ch])
        elif vowel.startswith("X"):
            out.append(vowel[1:])
        else:
            out.append(vowel)
        out.append(mod)
    s = "".join(out)
    return s.replace("ngk", "nk").replace("ngg", "ng")


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def romanize_word(word: str, strip_case: bool = False) -> str:
    key = fold(word)
    table = _overrides()
    if key in table:
        return table[key]
    if strip_case:
        for st in stems(key)[1:]:
            if st in table:
                return table[st]
    else:
        # a listed name under a case ending keeps the listed spelling of the name (হোসেনের → Hossain's
        # stem); only the override table is trusted here, unknown words keep their ending
        for st in stems(key)[1:]:
            if st in table and len(st) >= 3:
                return table[st]
    return _capital(_word(key))


def romanize(bengali: str, strip_case: bool = False) -> str:
    """Romanise a Bengali name (or any short Bengali text) word by word; non-Bengali passes through.

    ``strip_case=True`` also drops a case ending from words not in the override table — use it for
    entity mentions (``পুতিনের`` → Putin); without it only listed names lose their endings.
    """
    text = normalize(bengali, fast=True)
    out = []
    for part in text.split(" "):
        if not part:
            continue
        pieces = []
        buf = ""
        for ch in part:
            if "\u0980" <= ch <= "\u09ff" or ch in "\u200c\u200d":
                buf += ch
            else:
                if buf:
                    pieces.append(_roman_piece(buf, strip_case))
                    buf = ""
                pieces.append(ch)
        if buf:
            pieces.append(_roman_piece(buf, strip_case))
        out.append("".join(pieces))
    return " ".join(out)


def _roman_piece(word: str, strip_case: bool) -> str:
    if strip_case:
        key = fold(word)
        cands = stems(key)
        if key.endswith("য়ের") and len(key) > 6:  # নিকোলাইয়ের: glide + genitive
            cands = (key, key[:-4]) + cands[1:]
        if len(cands) > 1 and key not in _overrides():
            for st in cands[1:]:
                if st in _overrides():
                    return _overrides()[st]
            st = cands[1]
            # ই/ও after a vowel belong to the name (নিকোলাই, সের্গেই), not a particle
            vowel_end = st[-1] in _SIGN or st[-1] in _VOWEL
            if len(st) >= 3 and not (vowel_end and key[len(st):] in ("ই", "ও")):
                return romanize_word(st)
    return romanize_word(word)
