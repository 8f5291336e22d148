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
 * word_vectors(store, W, bias, n0, fs, sts, shapes, tables, gaz_table, gaz_of) -> None
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
 *   gaz_table: dict stem -> anything; gaz_of(st) -> list[str] is called only for words one of whose
 *     stems is in gaz_table (gaz_of returns [] otherwise, so skipping it changes nothing).
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
    PyObject *store_o, *W_o, *bias_o, *fs, *sts, *shapes, *tables, *gaz_table, *gaz_of;
    Py_ssize_t n0;
    if (!PyArg_ParseTuple(args, "OOOnO!O!O!O!O!O", &store_o, &W_o, &bias_o, &n0, &PyList_Type, &fs, &PyList_Type,
                          &sts, &PyList_Type, &shapes, &PyTuple_Type, &tables, &PyDict_Type, &gaz_table, &gaz_of))
        return NULL;
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
            v[m++] = idx_slice(o_p1, f, 0, L < 1 ? L : 1, unk);
            v[m++] = idx_slice(o_p2, f, 0, L < 2 ? L : 2, unk);
            v[m++] = idx_slice(o_p3, f, 0, L < 3 ? L : 3, unk);
            v[m++] = idx_slice(o_p4, f, 0, L < 4 ? L : 4, unk);
            v[m++] = idx_slice(o_s1, f, L >= 1 ? L - 1 : 0, L, unk);
            v[m++] = tup_idx(c, 0, unk);
            v[m++] = idx_slice(o_s3, f, L >= 3 ? L - 3 : 0, L, unk);
            v[m++] = idx_slice(o_s4, f, L >= 4 ? L - 4 : 0, L, unk);
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
        /* gazetteer attributes: only words with a stem in the table have any */
        {
            int hit = 0;
            for (Py_ssize_t j = 0; j < nst && !hit; j++) {
                if (PyDict_GetItemWithError(gaz_table, PyTuple_GET_ITEM(st, j)))
                    hit = 1;
                else if (PyErr_Occurred())
                    goto fail_word;
            }
            if (hit) {
                PyObject *g = PyObject_CallOneArg(gaz_of, st);
                if (!g)
                    goto fail_word;
                if (!PyList_Check(g)) {
                    Py_DECREF(g);
                    PyErr_SetString(PyExc_TypeError, "word_vectors: gaz_of must return a list");
                    goto fail_word;
                }
                const Py_ssize_t ng = PyList_GET_SIZE(g);
                /* ctx holds m1 (5) then p1 (5) for this word: the -1 gazetteer indices go after m1's five,
                 * so rebuild this word's ctx run as m1 + gm1, p1 + gp1 */
                Py_ssize_t base = ctx_off[i], mp[10];
                memcpy(mp, ctx.v + base, sizeof(mp));
                ctx.n = base;
                int bad = 0;
                for (int j = 0; j < 5 && !bad; j++)
                    bad = ib_push(&ctx, mp[j]) < 0;
                for (Py_ssize_t j = 0; j < ng && !bad; j++) {
                    PyObject *s = PyList_GET_ITEM(g, j);
                    Py_ssize_t x = idx_of(g0, s, unk), y = idx_of(gm1, s, unk);
                    if ((x < 0 || y < 0) && PyErr_Occurred())
                        bad = 1;
                    else if (x >= nW || y >= nW || x < 0 || y < 0) {
                        PyErr_SetString(PyExc_IndexError, "word_vectors: an attribute index outside W");
                        bad = 1;
                    } else
                        bad = ib_push(&own, x) < 0 || ib_push(&ctx, y) < 0;
                }
                for (int j = 5; j < 10 && !bad; j++)
                    bad = ib_push(&ctx, mp[j]) < 0;
                for (Py_ssize_t j = 0; j < ng && !bad; j++) {
                    Py_ssize_t z = idx_of(gp1, PyList_GET_ITEM(g, j), unk);
                    if (z < 0 || z >= nW) {
                        if (!PyErr_Occurred())
                            PyErr_SetString(PyExc_IndexError, "word_vectors: an attribute index outside W");
                        bad = 1;
                    } else
                        bad = ib_push(&ctx, z) < 0;
                }
                Py_DECREF(g);
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
    {"word_vectors", word_vectors, METH_VARARGS, "Attribute lookups and weight sums of new words (see above)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_nerfast", "C accelerator for khobor.ner (optional).",
                                    -1, methods};

PyMODINIT_FUNC PyInit__nerfast(void) { return PyModule_Create(&module); }
