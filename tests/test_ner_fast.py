"""The NER tagger's fast paths agree with the plain ones: per-word weight vectors looked up by attribute
family equal the sums over :meth:`Featurizer.features`' attribute strings, and the optional C decoder
(``khobor._nerfast``) gives the numpy decoder's labels."""

from __future__ import annotations

import numpy as np
import pytest

from khobor.ner import NerTagger, get_tagger
from khobor.text.normalize import normalize
from khobor.text.segment import tokenize

from .paths import needs_shared

TEXTS = (
    "রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন ইরানের প্রেসিডেন্ট ইব্রাহিম রাইসির সঙ্গে কথা বলেছেন।",
    "জাতিসংঘের মহাসচিব আন্তোনিও গুতেরেস বলেন, ঢাকায় ১২ জন নিহত; BGMEA ও USA-র প্রতিনিধি = x.",
    "প্রধানমন্ত্রী শেখ হাসিনা আজ ঢাকায় এক অনুষ্ঠানে বক্তব্য দেন। মো. শাহরিয়ার কবির, র‍্যাব, ক, আ",
    "বাংলাদেশ টেক্সটাইল মিলস অ্যাসোসিয়েশনের সভাপতি মোহাম্মদ আলী খোকন ২০২৪ সালের 3rd ALLCAPS Word",
)


def _reference(tagger: NerTagger, word: str) -> np.ndarray:
    """(5, K): each part's attribute weights added one by one from its attribute strings."""
    parts = tagger.featurizer.features(word)
    out = np.zeros((5, len(tagger.labels)))
    for k, attrs in enumerate(parts):
        acc = np.zeros(len(tagger.labels))
        for a in attrs:
            acc = acc + tagger._W[tagger._attr.get(a, tagger._unknown)]
        out[k] = acc
    return out


def test_word_vectors_equal_string_features():
    tagger = get_tagger()
    words = list(dict.fromkeys(t.text for s in TEXTS for t in tokenize(normalize(s))))
    fresh = NerTagger(tagger.model_path, tagger.meta)
    rows = fresh._row_indices(words)
    for w, r in zip(words, rows):
        ref = _reference(fresh, w)
        assert np.array_equal(fresh._store[0, r], ref[0] + fresh._bias), w  # own, with the bias added
        assert np.array_equal(fresh._store[1:, r], ref[1:]), w


def _sentences_from_shared(limit: int) -> list[list[list[str]]]:
    """Per article, its sentences' token strings (the first ``limit`` shared articles)."""
    import json

    from khobor.text.segment import split_sentences

    from .paths import SHARED

    out = []
    for path in sorted((SHARED / "data" / "news").glob("*/*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                text = normalize(d.get("body") or d.get("article") or "")
                toks = tokenize(text)
                sents = []
                for s in split_sentences(text):
                    sents.append([t.text for t in toks if s.start <= t.start < s.end])
                out.append(sents)
                if len(out) >= limit:
                    return out
    return out


def _both(sentence_batches):
    tagger = get_tagger()
    if tagger.accel is None:
        pytest.skip("the C accelerator khobor._nerfast is not built (pip install -e . builds it)")
    plain = NerTagger(tagger.model_path, tagger.meta)
    plain.accel = None
    for batch in sentence_batches:
        assert tagger.tag_many(batch) == plain.tag_many(batch)


def test_accelerated_decoder_equals_numpy_decoder():
    sents = [[t.text for t in tokenize(normalize(s))] for s in TEXTS]
    batches = [sents, [sents[0][:1]], [sents[1][:2], [], sents[2][:3]], [s[:k] for s in sents for k in (1, 2, 5)]]
    _both(batches)


@needs_shared
def test_accelerated_decoder_equals_numpy_decoder_on_news():
    _both(_sentences_from_shared(300))


def _word_vectors_both(words: list[str]) -> None:
    """The C ``word_vectors`` and the Python ``_word_vectors_py`` fill the store with the same floats
    (bit for bit), batch after batch as tagging does."""
    tagger = get_tagger()
    if getattr(tagger.accel, "word_vectors", None) is None:
        pytest.skip("the C accelerator khobor._nerfast (with word_vectors) is not built (pip install -e . builds it)")
    fast = NerTagger(tagger.model_path, tagger.meta)
    plain = NerTagger(tagger.model_path, tagger.meta)
    plain.accel = None
    for i in range(0, len(words), 37):  # several batches, so the store grows in between
        batch = words[i:i + 37]
        assert fast._row_indices(batch) == plain._row_indices(batch)
    n = len(fast._rows) + 1
    assert fast._store[:, :n].tobytes() == plain._store[:, :n].tobytes()


def test_accelerated_word_vectors_equal_python():
    words = list(dict.fromkeys(t.text for s in TEXTS for t in tokenize(normalize(s))))
    words += ["a", "ab", "১", "ক্", "ঢাকায়", "র‍্যাব", "USA-র"]  # short and odd words too
    _word_vectors_both(list(dict.fromkeys(words)))


@needs_shared
def test_accelerated_word_vectors_equal_python_on_news():
    words = [w for art in _sentences_from_shared(400) for s in art for w in s]
    _word_vectors_both(list(dict.fromkeys(words)))
