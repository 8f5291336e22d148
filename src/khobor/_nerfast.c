/* Optional accelerator for khobor.ner.NerTagger: emission sums + Viterbi + back-tracking of one batch of
 * sentences in C. The pure-Python/numpy path in ner.py is the reference; this computes the same floats
 * with the same additions in the same order (own + bias, BOS, EOS, -1, +1, -2, +2; a missing context
 * word adds 0.0), and breaks ties like numpy's argmax (the first maximum), so the labels are identical
 * (tests/test_ner_fast.py compares the two). Only additions and comparisons: no contraction or
 * reassociation can change a result.
 *
 * decode(store, rows, lens, bos, eos, trans) -> list[list[int]]
 *   store: float64 (5, n_rows, K) C-contiguous: per word row its own+bias, -1, +1, -2, +2 vectors
 *   rows:  list[int], the store rows of every token, sentence after sentence
 *   lens:  list[int], each sentence's length (>= 1)
 *   bos, eos: float64 (K,);  trans: float64 (K, K), [from, to]
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int get_f64(PyObject *obj, Py_buffer *view, int ndim, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (view->ndim != ndim || view->format == NULL || strcmp(view->format, "d") != 0) {
        PyErr_Format(PyExc_TypeError, "%s: expected a C-contiguous float64 array of %d dimensions", what, ndim);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *decode(PyObject *self, PyObject *args) {
    PyObject *store_o, *rows_o, *lens_o, *bos_o, *eos_o, *trans_o;
    if (!PyArg_ParseTuple(args, "OO!O!OOO", &store_o, &PyList_Type, &rows_o, &PyList_Type, &lens_o,
                          &bos_o, &eos_o, &trans_o))
        return NULL;
    Py_buffer sv, bv, ev, tv;
    if (get_f64(store_o, &sv, 3, "store") < 0)
        return NULL;
    if (get_f64(bos_o, &bv, 1, "bos") < 0) {
        PyBuffer_Release(&sv);
        return NULL;
    }
    if (get_f64(eos_o, &ev, 1, "eos") < 0) {
        PyBuffer_Release(&sv);
        PyBuffer_Release(&bv);
        return NULL;
    }
    if (get_f64(trans_o, &tv, 2, "trans") < 0) {
        PyBuffer_Release(&sv);
        PyBuffer_Release(&bv);
        PyBuffer_Release(&ev);
        return NULL;
    }
    PyObject *out = NULL;
    double *e = NULL, *delta = NULL, *nd = NULL;
    int *back = NULL, *seq = NULL;
    Py_ssize_t *r = NULL;
    const Py_ssize_t K = sv.shape[2], nrows = sv.shape[1];
    if (sv.shape[0] != 5 || bv.shape[0] != K || ev.shape[0] != K || tv.shape[0] != K || tv.shape[1] != K || K < 1) {
        PyErr_SetString(PyExc_ValueError, "decode: inconsistent array shapes");
        goto done;
    }
    const double *S = (const double *)sv.buf, *bos = (const double *)bv.buf, *eos = (const double *)ev.buf;
    const double *T = (const double *)tv.buf;
    const double *S0 = S, *S1 = S + nrows * K, *S2 = S + 2 * nrows * K, *S3 = S + 3 * nrows * K,
                 *S4 = S + 4 * nrows * K;
    const Py_ssize_t ntok = PyList_GET_SIZE(rows_o), nsent = PyList_GET_SIZE(lens_o);
    Py_ssize_t maxlen = 1, total = 0;
    for (Py_ssize_t i = 0; i < nsent; i++) {
        Py_ssize_t n = PyLong_AsSsize_t(PyList_GET_ITEM(lens_o, i));
        if (n < 1) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "decode: a sentence length below 1");
            goto done;
        }
        if (n > maxlen)
            maxlen = n;
        total += n;
    }
    if (total != ntok) {
        PyErr_SetString(PyExc_ValueError, "decode: lengths do not add up to the number of rows");
        goto done;
    }
    r = malloc(sizeof(Py_ssize_t) * (ntok ? ntok : 1));
    e = malloc(sizeof(double) * maxlen * K);
    back = malloc(sizeof(int) * maxlen * K);
    seq = malloc(sizeof(int) * maxlen);
    delta = malloc(sizeof(double) * K);
    nd = malloc(sizeof(double) * K);
    if (!r || !e || !back || !seq || !delta || !nd) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < ntok; i++) {
        Py_ssize_t v = PyLong_AsSsize_t(PyList_GET_ITEM(rows_o, i));
        if (v < 0 || v >= nrows) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_IndexError, "decode: a row outside the store");
            goto done;
        }
        r[i] = v;
    }
    out = PyList_New(nsent);
    if (!out)
        goto done;
    Py_ssize_t off = 0;
    for (Py_ssize_t si = 0; si < nsent; si++) {
        const Py_ssize_t n = PyLong_AsSsize_t(PyList_GET_ITEM(lens_o, si));
        const Py_ssize_t *rr = r + off;
        off += n;
        /* emissions, in the numpy path's order of additions */
        for (Py_ssize_t t = 0; t < n; t++) {
            double *et = e + t * K;
            const double *own = S0 + rr[t] * K;
            for (Py_ssize_t k = 0; k < K; k++)
                et[k] = own[k];
            if (t == 0)
                for (Py_ssize_t k = 0; k < K; k++)
                    et[k] += bos[k];
            if (t == n - 1)
                for (Py_ssize_t k = 0; k < K; k++)
                    et[k] += eos[k];
            const double *m1 = t >= 1 ? S1 + rr[t - 1] * K : NULL;
            const double *p1 = t + 1 < n ? S2 + rr[t + 1] * K : NULL;
            const double *m2 = t >= 2 ? S3 + rr[t - 2] * K : NULL;
            const double *p2 = t + 2 < n ? S4 + rr[t + 2] * K : NULL;
            for (Py_ssize_t k = 0; k < K; k++)
                et[k] += m1 ? m1[k] : 0.0;
            for (Py_ssize_t k = 0; k < K; k++)
                et[k] += p1 ? p1[k] : 0.0;
            for (Py_ssize_t k = 0; k < K; k++)
                et[k] += m2 ? m2[k] : 0.0;
            for (Py_ssize_t k = 0; k < K; k++)
                et[k] += p2 ? p2[k] : 0.0;
        }
        /* Viterbi: best previous state = first maximum of delta[from] + trans[from, to] */
        for (Py_ssize_t k = 0; k < K; k++)
            delta[k] = e[k];
        for (Py_ssize_t t = 1; t < n; t++) {
            const double *et = e + t * K;
            int *bt = back + t * K;
            for (Py_ssize_t to = 0; to < K; to++) {
                double best = delta[0] + T[to];
                int bi = 0;
                for (Py_ssize_t i = 1; i < K; i++) {
                    double v = delta[i] + T[i * K + to];
                    if (v > best) {
                        best = v;
                        bi = (int)i;
                    }
                }
                bt[to] = bi;
                nd[to] = best + et[to];
            }
            memcpy(delta, nd, sizeof(double) * K);
        }
        int k = 0;
        for (Py_ssize_t i = 1; i < K; i++)
            if (delta[i] > delta[k])
                k = (int)i;
        for (Py_ssize_t t = n - 1; t > 0; t--) {
            seq[t] = k;
            k = back[t * K + k];
        }
        seq[0] = k;
        PyObject *lst = PyList_New(n);
        if (!lst) {
            Py_CLEAR(out);
            goto done;
        }
        for (Py_ssize_t t = 0; t < n; t++) {
            PyObject *v = PyLong_FromLong(seq[t]);
            if (!v) {
                Py_DECREF(lst);
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(lst, t, v);
        }
        PyList_SET_ITEM(out, si, lst);
    }
done:
    free(r);
    free(e);
    free(back);
    free(seq);
    free(delta);
    free(nd);
    PyBuffer_Release(&sv);
    PyBuffer_Release(&bv);
    PyBuffer_Release(&ev);
    PyBuffer_Release(&tv);
    return out;
}

/* ------------------------------------------------------------------------------------------------------
 * word_vectors(store, W, bias, n0, fs, sts, shapes, tables, affix, gaz_masks, gaz_ids) -> None
 *
 * The C twin of the attribute lookups and sums in NerTagger._add_words (ner.py, the reference): for
 * word i (folded form fs[i], stems sts[i], shape shapes[i]) it writes store[0..4, n0 + i] = the summed
 * weights of its own attributes (+ bias), and of its attributes as a -1, +1, -2, +2 context word, with
 * the attributes in the order of Featurizer.base_features. The sums replicate NerTagger._sum_rows
 * exactly: left to right from the first attribute's row, then "+ 0.0" for a part shorter than the
 * widest part of its group (the numpy path adds zero pad rows there; x + 0.0 + 0.0 == x + 0.0).
 *
 *   tables: (f_w, f_st, f_s2, f_sh, f_ce, ln_ids, own_fams, g0, gm1, gp1, unk, ce0) where
 *     f_*: dict value -> tuple of attribute indices (see NerTagger._build_family_tables),
 *     ln_ids: tuple of 5 indices for the length buckets "1" "2" "3" "5" "8",
 *     own_fams: tuple of dicts (p1, p2, p3, p4, s1, s3, s4, ce, st2) value -> index,
 *     g0/gm1/gp1: dicts gazetteer attribute -> index as own / -1 / +1 attribute.
 *   affix: affix_table(own_fams[:7]), the prefix/suffix families in a compact table (below);
 *   gaz_masks: dict stem -> bit mask of the word's gazetteer attributes (Featurizer._gaz: the union
 *     over the stems), gaz_ids: per bit, in the order _gaz lists them, (own, -1, +1) indices.
 */
typedef struct {
    Py_ssize_t *v;
    Py_ssize_t n, cap;
} ibuf;

static int ib_push(ibuf *b, Py_ssize_t x) {
    if (b->n == b->cap) {
        Py_ssize_t cap = b->cap ? b->cap * 2 : 256;
        Py_ssize_t *v = realloc(b->v, sizeof(Py_ssize_t) * cap);
        if (!v) {
            PyErr_NoMemory();
            return -1;
        }
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = x;
    return 0;
}

/* d[key] as an index, or unk when absent; -1 with an exception on error */
static Py_ssize_t idx_of(PyObject *d, PyObject *key, Py_ssize_t unk) {
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (!v)
        return PyErr_Occurred() ? -1 : unk;
    return PyLong_AsSsize_t(v);
}

/* the tuple d[key] (borrowed), or NULL when absent (check PyErr_Occurred) */
static PyObject *tup_of(PyObject *d, PyObject *key, Py_ssize_t need) {
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (v && (!PyTuple_Check(v) || PyTuple_GET_SIZE(v) < need)) {
        PyErr_SetString(PyExc_TypeError, "word_vectors: a family table value is not a tuple of indices");
        return NULL;
    }
    return v;
}

static Py_ssize_t tup_idx(PyObject *t, Py_ssize_t k, Py_ssize_t unk) {
    return t ? PyLong_AsSsize_t(PyTuple_GET_ITEM(t, k)) : unk;
}

/* the slice f[a:b] (a, b already clamped to 0..len) looked up in d */
static Py_ssize_t idx_slice(PyObject *d, PyObject *f, Py_ssize_t a, Py_ssize_t b, Py_ssize_t unk) {
    PyObject *s = PyUnicode_Substring(f, a, b);
    if (!s)
        return -1;
    Py_ssize_t r = idx_of(d, s, unk);
    Py_DECREF(s);
    return r;
}

/* A word's 1-4 first and last characters (families p1 p2 p3 p4 s1 s3 s4) are looked up for every new
 * word. In Python dicts each lookup builds a substring, hashes it and, on a hit, touches the dict
 * entry, the key string, and the value's int object: several cache misses per lookup, which dominate
 * once the tagger's tables are out of cache (as they are between articles). This table packs a key of
 * up to 4 BMP characters into 64 bits beside its index: one probe, one cache line. Keys that do not
 * pack (a character above U+FFFF) are not in it, and a query that does not pack goes to the dict. */
typedef struct {
    uint64_t key; /* characters, 16 bits each, first in the low bits */
    int32_t idx;  /* attribute index */
    int32_t tag;  /* family * 8 + length + 1; 0: empty slot */
} affix_ent;

typedef struct {
    size_t mask;
    affix_ent ents[];
} affix_tab;

static size_t affix_slot(uint64_t key, int32_t tag, size_t mask) {
    uint64_t h = (key ^ ((uint64_t)(uint32_t)tag << 56)) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h ^ (h >> 31)) & mask;
}

/* 1 and the packed key of s[a:b] (b - a <= 4), or 0 when a character is above U+FFFF */
static int affix_pack(PyObject *s, Py_ssize_t a, Py_ssize_t b, uint64_t *out) {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    uint64_t k = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > 0xFFFF)
            return 0;
        k |= (uint64_t)c << (16 * (i - a));
    }
    *out = k;
    return 1;
}

static void affix_free(PyObject *cap) { free(PyCapsule_GetPointer(cap, "khobor._nerfast.affix")); }

/* affix_table(dicts) -> capsule: dicts is a tuple of up to 8 dicts str -> int (index) */
static PyObject *affix_table(PyObject *self, PyObject *args) {
    PyObject *dicts;
    if (!PyArg_ParseTuple(args, "O!", &PyTuple_Type, &dicts))
        return NULL;
    const Py_ssize_t nf = PyTuple_GET_SIZE(dicts);
    if (nf > 8) {
        PyErr_SetString(PyExc_ValueError, "affix_table: at most 8 families");
        return NULL;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t j = 0; j < nf; j++) {
        if (!PyDict_Check(PyTuple_GET_ITEM(dicts, j))) {
            PyErr_SetString(PyExc_TypeError, "affix_table: expected dicts");
            return NULL;
        }
        total += PyDict_GET_SIZE(PyTuple_GET_ITEM(dicts, j));
    }
    size_t cap = 16;
    while (cap < (size_t)total * 2 + 1)
        cap *= 2;
    affix_tab *t = calloc(1, sizeof(affix_tab) + cap * sizeof(affix_ent));
    if (!t)
        return PyErr_NoMemory();
    t->mask = cap - 1;
    for (Py_ssize_t j = 0; j < nf; j++) {
        PyObject *d = PyTuple_GET_ITEM(dicts, j), *k, *v;
        Py_ssize_t pos = 0;
        while (PyDict_Next(d, &pos, &k, &v)) {
            if (!PyUnicode_Check(k) || PyUnicode_GET_LENGTH(k) > 4)
                continue; /* never equal to a slice of at most 4 characters */
            uint64_t key;
            if (!affix_pack(k, 0, PyUnicode_GET_LENGTH(k), &key))
                continue; /* such queries go to the dict */
            long idx = PyLong_AsLong(v);
            if (idx < 0 || idx > INT32_MAX) {
                free(t);
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "affix_table: an index out of range");
                return NULL;
            }
            const int32_t tag = (int32_t)(j * 8 + PyUnicode_GET_LENGTH(k) + 1);
            size_t i = affix_slot(key, tag, t->mask);
            while (t->ents[i].tag && !(t->ents[i].tag == tag && t->ents[i].key == key))
                i = (i + 1) & t->mask;
            t->ents[i].key = key;
            t->ents[i].tag = tag;
            t->ents[i].idx = (int32_t)idx;
        }
    }
    PyObject *cap_o = PyCapsule_New(t, "khobor._nerfast.affix", affix_free);
    if (!cap_o)
        free(t);
    return cap_o;
}

/* family fam's index for f[a:b], or unk; falls back to the dict d for keys the table cannot hold */
static Py_ssize_t affix_idx(const affix_tab *t, int fam, PyObject *d, PyObject *f, Py_ssize_t a, Py_ssize_t b,
                            Py_ssize_t unk) {
    uint64_t key;
    if (!affix_pack(f, a, b, &key))
        return idx_slice(d, f, a, b, unk);
    const int32_t tag = (int32_t)(fam * 8 + (b - a) + 1);
    for (size_t i = affix_slot(key, tag, t->mask); t->ents[i].tag; i = (i + 1) & t->mask)
        if (t->ents[i].tag == tag && t->ents[i].key == key)
            return t->ents[i].idx;
    return unk;
}

static void add_row(double *acc, const double *row, Py_ssize_t K) {
    for (Py_ssize_t k = 0; k < K; k++)
        acc[k] += row[k];
}

/* acc = sum of W rows idx[0..n) left to right; + 0.0 if n < width (as the padded numpy sum) */
static void sum_part(double *acc, const double *W, const Py_ssize_t *idx, Py_ssize_t n, Py_ssize_t width,
                     Py_ssize_t K) {
    memcpy(acc, W + idx[0] * K, sizeof(double) * K);
    for (Py_ssize_t j = 1; j < n; j++)
        add_row(acc, W + idx[j] * K, K);
    if (n < width)
        for (Py_ssize_t k = 0; k < K; k++)
            acc[k] += 0.0;
}

static PyObject *word_vectors(PyObject *self, PyObject *args) {
    PyObject *store_o, *W_o, *bias_o, *fs, *sts, *shapes, *tables, *affix_o, *gaz_masks, *gaz_ids;
    Py_ssize_t n0;
    if (!PyArg_ParseTuple(args, "OOOnO!O!O!O!OO!O!", &store_o, &W_o, &bias_o, &n0, &PyList_Type, &fs, &PyList_Type,
                          &sts, &PyList_Type, &shapes, &PyTuple_Type, &tables, &affix_o, &PyDict_Type, &gaz_masks,
                          &PyTuple_Type, &gaz_ids))
        return NULL;
    const affix_tab *affix = PyCapsule_GetPointer(affix_o, "khobor._nerfast.affix");
    if (!affix)
        return NULL;
    const Py_ssize_t ngaz = PyTuple_GET_SIZE(gaz_ids);
    if (ngaz > 63) {
        PyErr_SetString(PyExc_ValueError, "word_vectors: more than 63 gazetteer attributes");
        return NULL;
    }
    Py_ssize_t gid[63][3];
    for (Py_ssize_t j = 0; j < ngaz; j++) {
        PyObject *t3 = PyTuple_GET_ITEM(gaz_ids, j);
        if (!PyTuple_Check(t3) || PyTuple_GET_SIZE(t3) != 3) {
            PyErr_SetString(PyExc_TypeError, "word_vectors: gaz_ids must hold (own, -1, +1) tuples");
            return NULL;
        }
        for (int q = 0; q < 3; q++) {
            gid[j][q] = PyLong_AsSsize_t(PyTuple_GET_ITEM(t3, q));
            if (gid[j][q] < 0) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_IndexError, "word_vectors: a negative gazetteer index");
                return NULL;
            }
        }
    }
    PyObject *f_w, *f_st, *f_s2, *f_sh, *f_ce, *ln_ids, *own_fams, *g0, *gm1, *gp1;
    Py_ssize_t unk, ce0;
    if (!PyArg_ParseTuple(tables, "O!O!O!O!O!O!O!O!O!O!nn", &PyDict_Type, &f_w, &PyDict_Type, &f_st, &PyDict_Type,
                          &f_s2, &PyDict_Type, &f_sh, &PyDict_Type, &f_ce, &PyTuple_Type, &ln_ids, &PyTuple_Type,
                          &own_fams, &PyDict_Type, &g0, &PyDict_Type, &gm1, &PyDict_Type, &gp1, &unk, &ce0))
        return NULL;
    if (PyTuple_GET_SIZE(ln_ids) != 5 || PyTuple_GET_SIZE(own_fams) != 9) {
        PyErr_SetString(PyExc_ValueError, "word_vectors: malformed tables");
        return NULL;
    }
    PyObject *fam[9];
    for (int i = 0; i < 9; i++) {
        fam[i] = PyTuple_GET_ITEM(own_fams, i);
        if (!PyDict_Check(fam[i])) {
            PyErr_SetString(PyExc_TypeError, "word_vectors: own_fams must hold dicts");
            return NULL;
        }
    }
    PyObject *o_p1 = fam[0], *o_p2 = fam[1], *o_p3 = fam[2], *o_p4 = fam[3], *o_s1 = fam[4], *o_s3 = fam[5],
             *o_s4 = fam[6], *o_ce = fam[7], *o_st2 = fam[8];
    Py_ssize_t ln[5];
    for (int i = 0; i < 5; i++) {
        ln[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(ln_ids, i));
        if (ln[i] == -1 && PyErr_Occurred())
            return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(fs);
    if (PyList_GET_SIZE(sts) != n || PyList_GET_SIZE(shapes) != n) {
        PyErr_SetString(PyExc_ValueError, "word_vectors: fs, sts and shapes differ in length");
        return NULL;
    }
    Py_buffer sv, wv, bv;
    if (get_f64(store_o, &sv, 3, "store") < 0)
        return NULL;
    if (get_f64(W_o, &wv, 2, "W") < 0) {
        PyBuffer_Release(&sv);
        return NULL;
    }
    if (get_f64(bias_o, &bv, 1, "bias") < 0) {
        PyBuffer_Release(&sv);
        PyBuffer_Release(&wv);
        return NULL;
    }
    PyObject *result = NULL;
    ibuf own = {0}, ctx = {0}; /* own attributes; -1 then +1 attributes (equal counts) */
    Py_ssize_t *own_off = NULL, *ctx_off = NULL, *c2 = NULL; /* c2: per word -2 (a3, c3), +2 (a4, c4) */
    double *acc = NULL;
    const Py_ssize_t K = sv.shape[2], nrows = sv.shape[1], nW = wv.shape[0];
    if (sv.shape[0] != 5 || wv.shape[1] != K || bv.shape[0] != K || n0 < 0 || n0 + n > nrows) {
        PyErr_SetString(PyExc_ValueError, "word_vectors: inconsistent array shapes");
        goto done;
    }
    for (Py_ssize_t j = 0; j < ngaz; j++)
        if (gid[j][0] >= nW || gid[j][1] >= nW || gid[j][2] >= nW) {
            PyErr_SetString(PyExc_IndexError, "word_vectors: a gazetteer index outside W");
            goto done;
        }
    own_off = malloc(sizeof(Py_ssize_t) * (n + 1));
    ctx_off = malloc(sizeof(Py_ssize_t) * (n + 1));
    c2 = malloc(sizeof(Py_ssize_t) * (4 * n + 1));
    acc = malloc(sizeof(double) * K);
    if (!own_off || !ctx_off || !c2 || !acc) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t own_w = 1, ctx_w = 1;
    PyObject *empty = PyUnicode_New(0, 0); /* "" (a cached singleton in CPython) */
    if (!empty)
        goto done;
    Py_DECREF(empty); /* it stays alive: the interpreter holds it */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *f = PyList_GET_ITEM(fs, i), *st = PyList_GET_ITEM(sts, i), *shape = PyList_GET_ITEM(shapes, i);
        if (!PyUnicode_Check(f) || !PyTuple_Check(st) || PyTuple_GET_SIZE(st) < 1) {
            PyErr_SetString(PyExc_TypeError, "word_vectors: fs must hold str, sts non-empty tuples");
            goto done;
        }
        own_off[i] = own.n;
        ctx_off[i] = ctx.n;
        const Py_ssize_t L = PyUnicode_GET_LENGTH(f), nst = PyTuple_GET_SIZE(st);
        /* stem = st[1] if len(st) > 1 else f;  ending = f[len(stem):] if stem != f else "" */
        PyObject *stem = nst > 1 ? PyTuple_GET_ITEM(st, 1) : f;
        PyObject *ending;
        if (stem == f)
            ending = (Py_INCREF(empty), empty);
        else {
            int ne = PyObject_RichCompareBool(stem, f, Py_NE);
            if (ne < 0)
                goto done;
            if (!PyUnicode_Check(stem)) {
                PyErr_SetString(PyExc_TypeError, "word_vectors: a stem is not a str");
                goto done;
            }
            Py_ssize_t sl = PyUnicode_GET_LENGTH(stem);
            ending = ne ? PyUnicode_Substring(f, sl < L ? sl : L, L) : (Py_INCREF(empty), empty);
            if (!ending)
                goto done;
        }
        const int has_ending = PyUnicode_GET_LENGTH(ending) > 0;
        PyObject *a = tup_of(f_w, f, 5), *b = NULL, *d = NULL, *e = NULL, *c = NULL;
        if (!a && PyErr_Occurred())
            goto fail_word;
        b = tup_of(f_st, stem, 3);
        if (!b && PyErr_Occurred())
            goto fail_word;
        {
            PyObject *s2 = PyUnicode_Substring(f, L >= 2 ? L - 2 : 0, L);
            if (!s2)
                goto fail_word;
            c = tup_of(f_s2, s2, 5);
            Py_DECREF(s2);
            if (!c && PyErr_Occurred())
                goto fail_word;
        }
        d = tup_of(f_sh, shape, 3);
        if (!d && PyErr_Occurred())
            goto fail_word;
        e = tup_of(f_ce, ending, 2);
        if (!e && PyErr_Occurred())
            goto fail_word;
        {
            Py_ssize_t v[14];
            int m = 0;
            v[m++] = tup_idx(a, 0, unk);
            v[m++] = tup_idx(b, 0, unk);
            v[m++] = tup_idx(d, 0, unk);
            v[m++] = ln[L == 1 ? 0 : L == 2 ? 1 : L <= 4 ? 2 : L <= 7 ? 3 : 4];
            v[m++] = affix_idx(affix, 0, o_p1, f, 0, L < 1 ? L : 1, unk);
            v[m++] = affix_idx(affix, 1, o_p2, f, 0, L < 2 ? L : 2, unk);
            v[m++] = affix_idx(affix, 2, o_p3, f, 0, L < 3 ? L : 3, unk);
            v[m++] = affix_idx(affix, 3, o_p4, f, 0, L < 4 ? L : 4, unk);
            v[m++] = affix_idx(affix, 4, o_s1, f, L >= 1 ? L - 1 : 0, L, unk);
            v[m++] = tup_idx(c, 0, unk);
            v[m++] = affix_idx(affix, 5, o_s3, f, L >= 3 ? L - 3 : 0, L, unk);
            v[m++] = affix_idx(affix, 6, o_s4, f, L >= 4 ? L - 4 : 0, L, unk);
            v[m++] = has_ending ? idx_of(o_ce, ending, unk) : ce0;
            if (nst > 2)
                v[m++] = idx_of(o_st2, PyTuple_GET_ITEM(st, nst - 1), unk);
            for (int j = 0; j < m; j++) {
                if (v[j] < 0 || v[j] >= nW) {
                    if (!PyErr_Occurred())
                        PyErr_SetString(PyExc_IndexError, "word_vectors: an attribute index outside W");
                    goto fail_word;
                }
                if (ib_push(&own, v[j]) < 0)
                    goto fail_word;
            }
            Py_ssize_t m1[5] = {tup_idx(a, 1, unk), tup_idx(b, 1, unk), tup_idx(c, 1, unk), tup_idx(d, 1, unk),
                                tup_idx(e, 0, unk)};
            Py_ssize_t p1[5] = {tup_idx(a, 2, unk), tup_idx(b, 2, unk), tup_idx(c, 2, unk), tup_idx(d, 2, unk),
                                tup_idx(e, 1, unk)};
            Py_ssize_t *q = c2 + 4 * i;
            q[0] = tup_idx(a, 3, unk);
            q[1] = tup_idx(c, 3, unk);
            q[2] = tup_idx(a, 4, unk);
            q[3] = tup_idx(c, 4, unk);
            for (int j = 0; j < 5; j++) {
                if (m1[j] < 0 || m1[j] >= nW || p1[j] < 0 || p1[j] >= nW || (j < 4 && (q[j] < 0 || q[j] >= nW))) {
                    if (!PyErr_Occurred())
                        PyErr_SetString(PyExc_IndexError, "word_vectors: an attribute index outside W");
                    goto fail_word;
                }
                if (ib_push(&ctx, m1[j]) < 0)
                    goto fail_word;
            }
            for (int j = 0; j < 5; j++)
                if (ib_push(&ctx, p1[j]) < 0)
                    goto fail_word;
        }
        /* gazetteer attributes: the union of the stems' masks, bit by bit in _gaz's order */
        {
            uint64_t mask = 0;
            for (Py_ssize_t j = 0; j < nst; j++) {
                PyObject *mv = PyDict_GetItemWithError(gaz_masks, PyTuple_GET_ITEM(st, j));
                if (mv) {
                    unsigned long long x = PyLong_AsUnsignedLongLong(mv);
                    if (x == (unsigned long long)-1 && PyErr_Occurred())
                        goto fail_word;
                    mask |= x;
                } else if (PyErr_Occurred())
                    goto fail_word;
            }
            if (mask >> ngaz) {
                PyErr_SetString(PyExc_ValueError, "word_vectors: a gazetteer mask with an unknown bit");
                goto fail_word;
            }
            if (mask) {
                /* ctx holds m1 (5) then p1 (5) for this word: rebuild it as m1 + -1 gazetteer indices,
                 * p1 + +1 gazetteer indices */
                Py_ssize_t base = ctx_off[i], mp[10];
                memcpy(mp, ctx.v + base, sizeof(mp));
                ctx.n = base;
                int bad = 0;
                for (int j = 0; j < 5 && !bad; j++)
                    bad = ib_push(&ctx, mp[j]) < 0;
                for (Py_ssize_t j = 0; j < ngaz && !bad; j++)
                    if (mask >> j & 1)
                        bad = ib_push(&own, gid[j][0]) < 0 || ib_push(&ctx, gid[j][1]) < 0;
                for (int j = 5; j < 10 && !bad; j++)
                    bad = ib_push(&ctx, mp[j]) < 0;
                for (Py_ssize_t j = 0; j < ngaz && !bad; j++)
                    if (mask >> j & 1)
                        bad = ib_push(&ctx, gid[j][2]) < 0;
                if (bad)
                    goto fail_word;
            }
        }
        Py_DECREF(ending);
        if (own.n - own_off[i] > own_w)
            own_w = own.n - own_off[i];
        if ((ctx.n - ctx_off[i]) / 2 > ctx_w)
            ctx_w = (ctx.n - ctx_off[i]) / 2;
        continue;
    fail_word:
        Py_DECREF(ending);
        goto done;
    }
    own_off[n] = own.n;
    ctx_off[n] = ctx.n;
    {
        double *S = (double *)sv.buf;
        const double *W = (const double *)wv.buf, *bias = (const double *)bv.buf;
        double *S0 = S + n0 * K, *S1 = S + (nrows + n0) * K, *S2 = S + (2 * nrows + n0) * K,
               *S3 = S + (3 * nrows + n0) * K, *S4 = S + (4 * nrows + n0) * K;
        for (Py_ssize_t i = 0; i < n; i++) {
            sum_part(acc, W, own.v + own_off[i], own_off[i + 1] - own_off[i], own_w, K);
            for (Py_ssize_t k = 0; k < K; k++)
                S0[i * K + k] = acc[k] + bias[k];
            const Py_ssize_t h = (ctx_off[i + 1] - ctx_off[i]) / 2;
            sum_part(S1 + i * K, W, ctx.v + ctx_off[i], h, ctx_w, K);
            sum_part(S2 + i * K, W, ctx.v + ctx_off[i] + h, h, ctx_w, K);
            sum_part(S3 + i * K, W, c2 + 4 * i, 2, 2, K);
            sum_part(S4 + i * K, W, c2 + 4 * i + 2, 2, 2, K);
        }
    }
    result = Py_None;
    Py_INCREF(result);
done:
    free(own.v);
    free(ctx.v);
    free(own_off);
    free(ctx_off);
    free(c2);
    free(acc);
    PyBuffer_Release(&sv);
    PyBuffer_Release(&wv);
    PyBuffer_Release(&bv);
    return result;
}

static PyMethodDef methods[] = {
    {"decode", decode, METH_VARARGS, "Emission sums, Viterbi and back-tracking of a batch of sentences."},
    {"affix_table", affix_table, METH_VARARGS, "The compact prefix/suffix table word_vectors reads (see above)."},
    {"word_vectors", word_vectors, METH_VARARGS, "Attribute lookups and weight sums of new words (see above)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_nerfast", "C accelerator for khobor.ner (optional).",
                                    -1, methods};

PyMODINIT_FUNC PyInit__nerfast(void) { return PyModule_Create(&module); }
