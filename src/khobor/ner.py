"""Bengali named-entity tagger: a linear-chain CRF (python-crfsuite) shipped as package data.

The model (``data/ner/model.crfsuite``) is trained by ``scripts/train_ner.py`` on the rifat (MIT) and
banglakit (CC0) corpora; ``data/ner/meta.json`` records the training data, the feature set, the
gazetteers the features used, and the scores.  Nothing is downloaded at run time.

Labels are BIO over PER / ORG / LOC.  Tokens are those of :func:`khobor.text.segment.tokenize` on
normalised text.  Features are computed once per word type and cached (a dict lookup per token), so
tagging costs little more than the CRF's Viterbi pass.
"""

from __future__ import annotations

import bisect
import json
from functools import lru_cache
from typing import Iterable, Sequence

from .data.loader import data_path, has_data, read_tsv
from .errors import DataError
from .text.inflect import stems
from .text.normalize import fold

try:  # optional C accelerator of the decoder (setup.py builds it when a compiler is there)
    from . import _nerfast as _accel
except ImportError:  # pragma: no cover - depends on the build
    _accel = None

MODEL = "ner/model.crfsuite"
META = "ner/meta.json"
NAMES = "ner/given_names.tsv"
KB_ALIASES = "kb/aliases.tsv"
KB_ENTITIES = "kb/entities.tsv"
KB_SNAPSHOT = "ner/kb_tokens.tsv"
LABELS = ("PER", "ORG", "LOC")
FEATURE_SET = "khobor-ner-crf/2"

_PUNCT_EDGE = frozenset(".,;:!?।॥\"'()[]{}<>-—/|…*‘’“”")


# --------------------------------------------------------------------------------------------- gazetteers
@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Bengali given names (bengali-names-gender, MIT), folded; empty if the file is absent."""
    if not has_data(NAMES):
        return frozenset()
    return frozenset(fold(r["name"]) for r in read_tsv(NAMES) if r.get("name"))


@lru_cache(maxsize=1)
def kb_tokens() -> dict[str, frozenset[str]]:
    """Folded word → set of entity types (PER/ORG/LOC) of KB aliases containing it; ``"="+word`` keys
    mark a word that is a whole single-word alias.

    Read from the snapshot the model was trained with (``ner/kb_tokens.tsv``, written by
    ``scripts/train_ner.py``), so that growing the knowledge base never changes the model's features
    behind its back; computed from the live KB only when there is no snapshot (i.e. while training)."""
    if has_data(KB_SNAPSHOT):
        return {r["token"]: frozenset(r["types"].split("|")) for r in read_tsv(KB_SNAPSHOT)}
    return kb_tokens_from_kb()


def kb_tokens_from_kb() -> dict[str, frozenset[str]]:
    """The gazetteer-token table computed from ``kb/aliases.tsv`` + ``kb/entities.tsv`` ({} if absent)."""
    if not (has_data(KB_ALIASES) and has_data(KB_ENTITIES)):
        return {}
    types = {r["kb_id"]: r.get("type", "") for r in read_tsv(KB_ENTITIES)}
    out: dict[str, set[str]] = {}
    from .text.segment import words

    for r in read_tsv(KB_ALIASES):
        t = types.get(r.get("kb_id", ""))
        if t not in LABELS:
            continue
        ws = [fold(w) for w in words(r.get("alias", ""))]
        for w in ws:
            out.setdefault(w, set()).add(t)
        if len(ws) == 1:
            out.setdefault("=" + ws[0], set()).add(t)
    return {k: frozenset(v) for k, v in out.items()}


def kb_available() -> bool:
    return has_data(KB_SNAPSHOT) or (has_data(KB_ALIASES) and has_data(KB_ENTITIES))


def write_kb_snapshot(path) -> int:
    """Write the live KB's token table as the model's snapshot (training time); returns its rows."""
    table = kb_tokens_from_kb()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Gazetteer tokens the NER model was trained with (from kb/aliases.tsv; scripts/train_ner.py)\n")
        fh.write("token\ttypes\n")
        for tok in sorted(table):
            fh.write(f"{tok}\t{'|'.join(sorted(table[tok]))}\n")
    return len(table)


# --------------------------------------------------------------------------------------------- features
def _shape(w: str) -> str:
    c = w[0]
    if "\u0980" <= c <= "\u09ff":
        if "\u09e6" <= c <= "\u09ef":
            return "D"
        return "B"
    if c.isdigit():
        return "D"
    if c.isalpha():
        if w.isupper() and len(w) > 1:
            return "LU"
        return "LC" if c.isupper() else "Ll"
    return "P"


def _len_bucket(n: int) -> str:
    return "1" if n == 1 else "2" if n == 2 else "3" if n <= 4 else "5" if n <= 7 else "8"


class Featurizer:
    """Per-word-type features with a cache; ``sequence(words)`` gives crfsuite's attribute lists.

    ``use_kb``: add KB-alias membership features (only when the model was trained with them).
    """

    def __init__(self, use_kb: bool = False, max_cache: int = 300_000):
        self.names = given_names()
        self.kb = kb_tokens() if use_kb else {}
        self.use_kb = use_kb and bool(self.kb)
        self.max_cache = max_cache
        self._cache: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {}
        self._gaz_table: dict[str, tuple[bool, frozenset[str], frozenset[str]]] | None = None

    def gaz_table(self) -> dict[str, tuple[bool, frozenset[str], frozenset[str]]]:
        """The table :meth:`_gaz` looks stems up in (built on first use): a word none of whose stems is
        a key has no gazetteer attributes."""
        table = self._gaz_table
        if table is None:
            table = self._gaz_table = self._build_gaz_table()
        return table

    def _gaz(self, keys: Sequence[str]) -> list[str]:
        """Gazetteer attributes of a word from its stems ``keys``: ``gn`` when one is a given name, then
        ``kb:T`` for the types of KB aliases containing one, ``kb=T`` for single-word aliases."""
        table = self._gaz_table
        if table is None:
            table = self._gaz_table = self._build_gaz_table()
        hits = [h for h in map(table.get, keys) if h is not None]
        if not hits:  # most words: one miss per stem
            return []
        out = ["gn"] if any(h[0] for h in hits) else []
        if self.use_kb:
            types: set[str] = set()
            full: set[str] = set()
            for _, t, fl in hits:
                types |= t
                full |= fl
            if types or full:
                out.extend(["kb:" + t for t in sorted(types)])
                out.extend(["kb=" + t for t in sorted(full)])
        return out

    def _build_gaz_table(self) -> dict[str, tuple[bool, frozenset[str], frozenset[str]]]:
        """key → (a given name?, ``self.kb[key]``, ``self.kb["=" + key]``): one lookup per stem."""
        kb = self.kb if self.use_kb else {}
        keys = set(self.names) | set(kb) | {k[1:] for k in kb if k.startswith("=")}
        empty: frozenset[str] = frozenset()
        return {k: (k in self.names, kb.get(k) or empty, kb.get("=" + k) or empty) for k in keys}

    def _word(self, w: str):
        entry = self.features(w)
        if len(self._cache) >= self.max_cache:
            self._cache.clear()
        self._cache[w] = entry
        return entry

    def features(self, w: str):
        """The word's five attribute lists (own, as -1, +1, -2, +2 context), not cached."""
        own, ctx1, ctx2 = self.base_features(w)
        return (
            own,
            ["-1:" + x for x in ctx1],
            ["+1:" + x for x in ctx1],
            ["-2:" + x for x in ctx2],
            ["+2:" + x for x in ctx2],
        )

    def base_features(self, w: str) -> tuple[list[str], list[str], list[str]]:
        """(own attributes, attributes as a ±1 context word, as a ±2 context word) without the
        ``-1:``/``+1:``/``-2:``/``+2:`` prefixes."""
        f = fold(w).lower()
        shape = _shape(w)
        st = stems(f) if shape == "B" else (f,)
        stem = st[1] if len(st) > 1 else f
        ending = f[len(stem):] if stem != f else ""
        gaz = self._gaz(st)
        own = [
            "w=" + f,
            "st=" + stem,
            "sh=" + shape,
            "ln=" + _len_bucket(len(f)),
            "p1=" + f[:1], "p2=" + f[:2], "p3=" + f[:3], "p4=" + f[:4],
            "s1=" + f[-1:], "s2=" + f[-2:], "s3=" + f[-3:], "s4=" + f[-4:],
            "ce=" + ending if ending else "ce0",
        ]
        if len(st) > 2:
            own.append("st2=" + st[-1])
        own.extend(gaz)
        ctx1 = ["w=" + f, "st=" + stem, "s2=" + f[-2:], "sh=" + shape, "ce=" + ending] + gaz
        ctx2 = ["w=" + f, "s2=" + f[-2:]]
        return own, ctx1, ctx2

    def sequence(self, words: Sequence[str]) -> list[list[str]]:
        cache = self._cache
        ents = [cache.get(w) or self._word(w) for w in words]
        n = len(ents)
        out = []
        for i in range(n):
            feats = ["bias"]
            feats += ents[i][0]
            if i > 0:
                feats += ents[i - 1][1]
                if i > 1:
                    feats += ents[i - 2][3]
            else:
                feats.append("BOS")
            if i < n - 1:
                feats += ents[i + 1][2]
                if i < n - 2:
                    feats += ents[i + 2][4]
            else:
                feats.append("EOS")
            out.append(feats)
        return out


# --------------------------------------------------------------------------------------------- BIO helpers
def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token exclusive, type) of each entity; an I- without a matching B- opens one."""
    spans = []
    start, typ = -1, ""
    for i, lab in enumerate(list(labels) + ["O"]):
        if lab == "O" or lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != typ):
            if start >= 0:
                spans.append((start, i, typ))
                start, typ = -1, ""
            if lab != "O":
                start, typ = i, lab[2:]
    return spans


# --------------------------------------------------------------------------------------------- tagger
class NerTagger:
    """Decodes with the CRF's own weights in numpy: each word type's summed feature weights (as itself
    and as a left/right context word) are computed once and kept as one row of a cache matrix, so an
    article costs one fancy-index gather, a few masked array additions and a batched Viterbi pass.
    Output is identical to ``pycrfsuite.Tagger.tag`` (tested).

    Weights live in a matrix (one row per attribute, a final zero row for attributes the model does
    not know); a batch of new words' vectors is summed column by column over a padded attribute-index
    matrix, adding in attribute order exactly as a sequential sum would (so scores are bit-identical)."""

    def __init__(self, model_path: str, meta: dict, max_cache: int = 300_000):
        import numpy as np
        import pycrfsuite

        self.meta = meta
        self.model_path = model_path
        self.featurizer = Featurizer(use_kb=bool(meta.get("gazetteers", {}).get("kb")))
        crf = pycrfsuite.Tagger()
        crf.open(model_path)
        self.labels = list(crf.labels())
        index = {lab: k for k, lab in enumerate(self.labels)}
        info = crf.info()
        K = len(self.labels)
        attr_index: dict[str, int] = {}
        rows: list[tuple[int, int, float]] = []
        for (attr, lab), w in info.state_features.items():
            a = attr_index.setdefault(attr, len(attr_index))
            rows.append((a, index[lab], w))
        W = np.zeros((len(attr_index) + 1, K))  # last row: unknown attribute (zeros)
        for a, k, w in rows:
            W[a, k] = w
        trans = np.zeros((K, K))
        for (a, b), w in info.transitions.items():
            trans[index[a], index[b]] = w
        crf.close()
        self._np = np
        self._attr = attr_index
        # the same index per context position, keyed by the attribute without its position prefix
        by_prefix: dict[str, dict[str, int]] = {"-1:": {}, "+1:": {}, "-2:": {}, "+2:": {}}
        for attr, a in attr_index.items():
            d = by_prefix.get(attr[:3])
            if d is not None:
                d[attr[3:]] = a
        self._ctx_index = (by_prefix["-1:"], by_prefix["+1:"], by_prefix["-2:"], by_prefix["+2:"])
        self._unknown = len(attr_index)
        self._W = W
        zero = np.zeros(K)
        self._trans = trans
        self._trans_t = np.ascontiguousarray(trans.T)  # [to, from]: the Viterbi max runs over the last axis
        self._bias = W[attr_index["bias"]] if "bias" in attr_index else zero
        self._bos = W[attr_index["BOS"]] if "BOS" in attr_index else zero
        self._eos = W[attr_index["EOS"]] if "EOS" in attr_index else zero
        self.max_cache = max_cache
        self._rows: dict[str, int] = {}  # word → row of self._store
        # per word row: own + bias, -1, +1, -2, +2 vectors; row 0: no word (zeros)
        self._store = np.zeros((5, 1024, K))
        self._build_family_tables()
        self._accel_cache: tuple | None = None  # see _accel_args
        # the C decoder when built (same labels as the numpy path below; tests/test_ner_fast.py)
        self.accel = _accel

    def _build_family_tables(self) -> None:
        """Attribute indices keyed by the attribute's value within its family (``"w=ঢাকা"`` → the
        ``w`` table's ``"ঢাকা"``), so a new word's indices need no feature strings; the families a word
        contributes in several positions (``w``, ``st``, ``s2``, ``sh``, ``ce``) map to a tuple of its
        indices as own / -1 / +1 (/ -2 / +2) attribute: one lookup instead of up to five. Only 30k
        attributes are known, so most lookups miss, and a miss costs one lookup, not five."""
        unk = self._unknown

        def families(index: dict[str, int]) -> dict[str, dict[str, int]]:
            out: dict[str, dict[str, int]] = {}
            for attr, a in index.items():
                fam, sep, val = attr.partition("=")
                if sep:
                    out.setdefault(fam, {})[val] = a
            return out

        own = families(self._attr)
        ctx = [families(d) for d in self._ctx_index]  # -1, +1, -2, +2

        def combined(fam: str, tables: list[dict[str, dict[str, int]]]) -> dict[str, tuple[int, ...]]:
            ds = [t.get(fam, {}) for t in tables]
            keys = set().union(*ds)
            return {k: tuple(d.get(k, unk) for d in ds) for k in keys}

        self._f_w = combined("w", [own] + ctx)
        self._f_s2 = combined("s2", [own] + ctx)
        self._f_st = combined("st", [own] + ctx[:2])
        self._f_sh = combined("sh", [own] + ctx[:2])
        self._f_ce = combined("ce", ctx[:2])  # as a context word: "ce=" + ending, even when empty
        self._f_own = {fam: own.get(fam, {}) for fam in ("ce", "ln", "p1", "p2", "p3", "p4", "s1", "s3", "s4", "st2")}
        self._ce0 = self._attr.get("ce0", unk)
        o = self._f_own
        # the same tables for _nerfast.word_vectors (its argument layout; see _nerfast.c)
        self._accel_tables = (
            self._f_w, self._f_st, self._f_s2, self._f_sh, self._f_ce,
            tuple(o["ln"].get(b, unk) for b in ("1", "2", "3", "5", "8")),
            tuple(o[k] for k in ("p1", "p2", "p3", "p4", "s1", "s3", "s4", "ce", "st2")),
            self._attr, self._ctx_index[0], self._ctx_index[1], unk, self._ce0,
        )

    def _add_words(self, words: list[str]) -> None:
        """Compute and cache the (5, n_labels) vectors of ``words`` (distinct, not cached): the summed
        weights of each word's own, -1, +1, -2 and +2 context features.

        The attributes are those of :meth:`Featurizer.base_features`, in the same order, looked up by
        family (see :meth:`_build_family_tables`) instead of as strings; a test checks the two agree.
        Folding, shape and stems (data-driven, cached) are computed here; the lookups and sums run in C
        when ``_nerfast`` is built (``word_vectors``, the same floats; tests/test_ner_fast.py), else in
        :meth:`_word_vectors_py`."""
        fs = [fold(w).lower() for w in words]
        shapes = [_shape(w) for w in words]
        sts = [stems(f) if sh == "B" else (f,) for f, sh in zip(fs, shapes)]
        n0 = len(self._rows) + 1  # row 0 is the zero row
        self._reserve(n0 + len(words))
        accel_words = getattr(self.accel, "word_vectors", None)
        if accel_words is not None:
            accel_words(self._store, self._W, self._bias, n0, fs, sts, shapes, *self._accel_args())
        else:
            self._word_vectors_py(n0, fs, sts, shapes)
        rows = self._rows
        for k, w in enumerate(words, n0):
            rows[w] = k

    def _accel_args(self) -> tuple:
        """``_nerfast.word_vectors``' tables (built on first use): the family tables, the compact
        prefix/suffix table, and the gazetteer as bit masks (see :meth:`_gaz_masks`)."""
        if self._accel_cache is None:
            own = self._accel_tables[6]
            self._accel_cache = (self._accel_tables, self.accel.affix_table(own[:7])) + self._gaz_masks()
        return self._accel_cache

    def _gaz_masks(self) -> tuple[dict[str, int], tuple[tuple[int, int, int], ...]]:
        """(stem → bit mask, per bit its (own, -1, +1) attribute indices): :meth:`Featurizer._gaz` of a
        word is the attributes of the bits set in the union of its stems' masks, in bit order (``gn``,
        then ``kb:T`` by T, then ``kb=T`` by T, as ``_gaz`` lists them)."""
        feat = self.featurizer
        table = feat.gaz_table()
        types: list[str] = []
        full: list[str] = []
        if feat.use_kb:
            types = sorted(set().union(*(h[1] for h in table.values())))
            full = sorted(set().union(*(h[2] for h in table.values())))
        attrs = ["gn"] + ["kb:" + t for t in types] + ["kb=" + t for t in full]
        bit = {a: 1 << i for i, a in enumerate(attrs)}
        masks: dict[str, int] = {}
        for key, (gn, ts, fl) in table.items():
            m = bit["gn"] if gn else 0
            if feat.use_kb:
                for t in ts:
                    m |= bit["kb:" + t]
                for t in fl:
                    m |= bit["kb=" + t]
            if m:  # a stem with no attribute adds nothing to the union
                masks[key] = m
        unk = self._unknown
        m1, p1 = self._ctx_index[0], self._ctx_index[1]
        ids = tuple((self._attr.get(a, unk), m1.get(a, unk), p1.get(a, unk)) for a in attrs)
        return masks, ids

    def _reserve(self, n1: int) -> None:
        """Grow the store (doubling) so that it has at least ``n1`` rows."""
        cap = self._store.shape[1]
        if n1 > cap:
            while cap < n1:
                cap *= 2
            n0 = len(self._rows) + 1
            grown = self._np.zeros(self._store.shape[:1] + (cap,) + self._store.shape[2:])
            grown[:, :n0] = self._store[:, :n0]
            self._store = grown

    def _word_vectors_py(self, n0: int, fs: list[str], sts: list[tuple[str, ...]], shapes: list[str]) -> None:
        """The reference of ``_nerfast.word_vectors``: store rows ``n0, n0 + 1, …`` of the words whose
        folded forms, stems and shapes are given."""
        unk = self._unknown
        u2, u3, u5 = (unk,) * 2, (unk,) * 3, (unk,) * 5
        fw, fs2, fst, fsh, fce = (d.get for d in (self._f_w, self._f_s2, self._f_st, self._f_sh, self._f_ce))
        o = self._f_own
        oce, oln, op1, op2, op3, op4, os1, os3, os4, ost2 = (
            o[k].get for k in ("ce", "ln", "p1", "p2", "p3", "p4", "s1", "s3", "s4", "st2"))
        ce0 = self._ce0
        g0 = self._attr.get
        gm1, gp1 = self._ctx_index[0].get, self._ctx_index[1].get
        gaz_of = self.featurizer._gaz
        owns: list[list[int]] = []  # per word: own attributes
        ctx1: list[list[int]] = []  # per word: as -1, then as +1 context word
        ctx2: list[list[int]] = []  # per word: as -2, then as +2 context word
        for f, st, shape in zip(fs, sts, shapes):
            stem = st[1] if len(st) > 1 else f
            ending = f[len(stem):] if stem != f else ""
            a = fw(f, u5)
            b = fst(stem, u3)
            c = fs2(f[-2:], u5)
            d = fsh(shape, u3)
            e = fce(ending, u2)
            own = [a[0], b[0], d[0], oln(_len_bucket(len(f)), unk),
                   op1(f[:1], unk), op2(f[:2], unk), op3(f[:3], unk), op4(f[:4], unk),
                   os1(f[-1:], unk), c[0], os3(f[-3:], unk), os4(f[-4:], unk),
                   oce(ending, unk) if ending else ce0]
            if len(st) > 2:
                own.append(ost2(st[-1], unk))
            m1 = [a[1], b[1], c[1], d[1], e[0]]
            p1 = [a[2], b[2], c[2], d[2], e[1]]
            for g in gaz_of(st):
                own.append(g0(g, unk))
                m1.append(gm1(g, unk))
                p1.append(gp1(g, unk))
            owns.append(own)
            ctx1.append(m1)
            ctx1.append(p1)
            ctx2.append([a[3], c[3]])
            ctx2.append([a[4], c[4]])
        n = len(fs)
        own_s = self._sum_rows(owns)
        ctx1_s = self._sum_rows(ctx1).reshape(n, 2, -1)
        ctx2_s = self._sum_rows(ctx2).reshape(n, 2, -1)
        n1 = n0 + n
        S = self._store
        S[0, n0:n1] = own_s + self._bias  # the bias is added to every own vector first anyway
        S[1, n0:n1] = ctx1_s[:, 0]
        S[2, n0:n1] = ctx1_s[:, 1]
        S[3, n0:n1] = ctx2_s[:, 0]
        S[4, n0:n1] = ctx2_s[:, 1]

    def _sum_rows(self, parts: list[list[int]]):
        """(len(parts), K): each part's attribute weights summed in list order.

        A column at a time, left to right over a padded index matrix (pads are the zero row): the same
        additions in the same order as summing each part's vectors one by one, so the floats are
        identical. (Parts are grouped by kind so that little padding is needed.)"""
        np = self._np
        width = max(map(len, parts))
        pad = [self._unknown] * width
        flat: list[int] = []
        for p in parts:
            flat += p
            if len(p) < width:
                flat += pad[len(p):]
        G = self._W[np.array(flat, dtype=np.intp).reshape(len(parts), width)]  # (parts, width, K)
        acc = G[:, 0].copy()
        for j in range(1, width):
            acc += G[:, j]
        return acc

    def _row_indices(self, words: list[str]) -> list[int]:
        """Rows of ``words`` in the store (computing those not cached yet)."""
        get = self._rows.get
        out = [get(w, 0) for w in words]
        if 0 in out:  # some word is new (row 0 is the zero row, never a word's)
            rows = self._rows
            missing = list(dict.fromkeys(w for w in words if w not in rows))
            if len(rows) + len(missing) > self.max_cache:  # bounded: start over
                self._rows = rows = {}
                missing = list(dict.fromkeys(words))
            self._add_words(missing)
            out = [rows[w] for w in words]
        return out

    def _emissions(self, words: Sequence[str]):
        """(len(words), n_labels) state scores of one sentence."""
        return self._emissions_batch([list(words)])[0]

    def _emissions_batch(self, sentences: list[list[str]]):
        """(B, L, n_labels) state scores of sentences sorted longest first (L: the first's length; rows
        past a sentence's end hold junk). Each sentence sees only its own context words: the row index
        matrix pads every sentence with the zero row (two before, two or more after), so a missing
        context word adds an exact zero. Additions happen in the order own + bias, BOS, EOS, -1, +1,
        -2, +2."""
        np = self._np
        flat = [w for s in sentences for w in s]
        rows = self._row_indices(flat)  # first: it may grow (replace) the store
        lens = [len(s) for s in sentences]
        B, L = len(sentences), lens[0]
        pad = [0] * (L + 2)
        R: list[int] = []
        o = 0
        for n in lens:
            R += pad[:2]
            R += rows[o:o + n]
            R += pad[:L + 2 - n]
            o += n
        Ra = np.array(R, dtype=np.intp).reshape(B, L + 4)
        S = self._store  # (5, rows, K): own + bias, -1, +1, -2, +2
        take = np.take  # (much faster than fancy indexing for row gathers)
        E = take(S[0], Ra[:, 2:L + 2], axis=0)
        E[:, 0] += self._bos
        E[np.arange(B), np.array(lens) - 1] += self._eos
        E += take(S[1], Ra[:, 1:L + 1], axis=0)
        E += take(S[2], Ra[:, 3:L + 3], axis=0)
        E += take(S[3], Ra[:, 0:L], axis=0)
        E += take(S[4], Ra[:, 4:L + 4], axis=0)
        return E

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO labels for many sentences at once (one batched Viterbi pass)."""
        labels = self.labels
        return [[labels[k] for k in seq] for seq in self.tag_many_ids(sentences)]

    def tag_many_ids(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        """Label indices (into ``self.labels``) for many sentences at once."""
        np = self._np
        idx = [i for i, s in enumerate(sentences) if s]
        out: list[list[int]] = [[] for _ in sentences]
        if not idx:
            return out
        if self.accel is not None:
            sents = [sentences[i] for i in idx]
            rows = self._row_indices([w for s in sents for w in s])  # first: it may grow the store
            res = self.accel.decode(self._store, rows, [len(s) for s in sents], self._bos, self._eos, self._trans)
            for i, seq in zip(idx, res):
                out[i] = seq
            return out
        idx.sort(key=lambda i: -len(sentences[i]))  # longest first: step t works on a prefix of rows
        sents = [list(sentences[i]) for i in idx]
        lens = [len(s) for s in sents]
        B, L, K = len(idx), lens[0], len(self.labels)
        E = self._emissions_batch(sents)
        alive = [0] * (L + 1)  # alive[t]: rows with a token at position t
        for n in lens:
            alive[n - 1] += 1
        for t in range(L - 1, 0, -1):
            alive[t - 1] += alive[t]
        delta = E[:, 0].copy()
        # backs[t, b, j]: best previous state of state j at position t (rows alive at t only)
        backs = np.empty((L, B, K), dtype=np.intp)
        buf = np.empty((B, K, K))
        TT = self._trans_t
        dv = delta[:, None, :]
        # the best score of each (row, to) is read back at its argmax: a gather is several times faster
        # than a max reduction over a 7-long axis, and it is the same float
        at = np.arange(B * K)
        for t in range(1, L):
            m = alive[t]
            sc = buf[:m]
            np.add(dv[:m], TT, out=sc)  # sc[b, to, from] = delta[b, from] + trans[from, to]
            bk = backs[t, :m]
            sc.argmax(axis=2, out=bk)
            np.add(sc.reshape(m * K, K)[at[:m * K], bk.ravel()].reshape(m, K), E[:m, t], out=delta[:m])
        # back-tracking in plain Python over nested lists: a few list lookups per token beat numpy
        # calls per position
        ends = delta.argmax(axis=1).tolist()
        bl = [None] + [backs[t, :alive[t]].tolist() for t in range(1, L)]
        for b, i in enumerate(idx):
            k = ends[b]
            seq = [k] * lens[b]
            for t in range(lens[b] - 1, 0, -1):
                seq[t] = k
                k = bl[t][b][k]
            seq[0] = k
            out[i] = seq
        return out

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO labels for one sentence's token strings."""
        return self.tag_many([tokens])[0] if tokens else []

    def spans(self, text: str, tokens: Sequence, sentences: Iterable) -> list[tuple[int, int, str]]:
        """Entity character spans ``(start, end, type)`` over ``text``, tagging sentence by sentence;
        leading/trailing punctuation is stripped so ``text[start:end]`` is the name as written."""
        starts = [t.start for t in tokens]
        groups = []
        for sent in sentences:
            a = bisect.bisect_left(starts, sent.start)
            b = bisect.bisect_left(starts, sent.end, lo=a)
            if b > a:
                groups.append(tokens[a:b])
        out: list[tuple[int, int, str]] = []
        for toks, labels in zip(groups, self.tag_many([[t.text for t in g] for g in groups])):
            for i, j, typ in bio_spans(labels):
                while i < j and toks[i].text in _PUNCT_EDGE:
                    i += 1
                while j > i and toks[j - 1].text in _PUNCT_EDGE:
                    j -= 1
                if j > i:
                    out.append((toks[i].start, toks[j - 1].end, typ))
        return out


@lru_cache(maxsize=1)
def get_tagger() -> NerTagger:
    """The shipped tagger, loaded once from package data."""
    if not has_data(MODEL) or not has_data(META):
        raise DataError(f"NER model missing: {data_path(MODEL)} (run scripts/train_ner.py)")
    with data_path(META).open(encoding="utf-8") as fh:
        meta = json.load(fh)
    return NerTagger(str(data_path(MODEL)), meta)
