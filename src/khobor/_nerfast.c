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

static PyMethodDef methods[] = {
    {"decode", decode, METH_VARARGS, "Emission sums, Viterbi and back-tracking of a batch of sentences."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_nerfast", "C accelerator for khobor.ner (optional).",
                                    -1, methods};

PyMODINIT_FUNC PyInit__nerfast(void) { return PyModule_Create(&module); }
