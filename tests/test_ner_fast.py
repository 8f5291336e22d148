"""The NER tagger's fast paths agree with the plain ones: per-word weight vectors looked up by attribute
family equal the sums over :meth:`Featurizer.features`' attribute strings."""

from __future__ import annotations

import numpy as np

from khobor.ner import NerTagger, get_tagger
from khobor.text.normalize import normalize
from khobor.text.segment import tokenize

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
