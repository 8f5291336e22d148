"""Duplicate and near-duplicate detection, and the keys that group articles into stories.

- **Exact duplicates**: :func:`content_hash` — SHA-1 of the folded (NFC, no ZWJ/ZWNJ, ASCII digits, lower
  case) words of the text, so whitespace, punctuation and the two encodings of য় do not matter.
- **Near duplicates**: a MinHash signature (datasketch, 128 permutations) over word 5-shingles of the
  text; LSH band keys (bands/rows chosen by datasketch for a lower threshold, see BAND_AT) are stored in the ``lsh`` table
  so candidates are found with an indexed query, and confirmed by the estimated Jaccard similarity
  (>= :data:`NEAR_DUP_THRESHOLD`).
- **Stories**: the same signature banded for a lower threshold (:data:`STORY_THRESHOLD`), plus shared
  linked entities, within a few days of each other (see :mod:`khobor.store.database`).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from ..text.normalize import fold
from ..text.segment import WORD_RE

NUM_PERM = 128
SHINGLE = 5
NEAR_DUP_THRESHOLD = 0.8
STORY_THRESHOLD = 0.4
STORY_DAYS = 3
# LSH bands are laid out for a lower similarity than the one confirmed, so that few true matches are missed
# (at 0.6: 18 bands of 7 rows find a 0.8-similar pair 98.6% of the time; at 0.3: 37 bands of 3 rows find a
# 0.4-similar pair 91% of the time); candidates are then confirmed on the full signatures.
BAND_AT = {NEAR_DUP_THRESHOLD: 0.6, STORY_THRESHOLD: 0.3}
_SEED = 1


def folded_words(text: str) -> list[str]:
    # fold the whole text once (not word by word): same words, a fraction of the calls
    return WORD_RE.findall(fold(text or "").lower())


def content_hash(text: str) -> str:
    return words_hash(folded_words(text))


def words_hash(ws: list[str]) -> str:
    """:func:`content_hash` of a text given its :func:`folded_words`."""
    return hashlib.sha1(" ".join(ws).encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    return word_shingles(folded_words(text), k)


def word_shingles(ws: list[str], k: int = SHINGLE) -> set[bytes]:
    if len(ws) < k:
        return {" ".join(ws).encode("utf-8")} if ws else set()
    return {" ".join(ws[i:i + k]).encode("utf-8") for i in range(len(ws) - k + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED)


def signature(text: str) -> np.ndarray:
    """MinHash signature (uint64 array of NUM_PERM values) of the text's word 5-shingles."""
    return words_signature(folded_words(text))


def words_signature(ws: list[str]) -> np.ndarray:
    """:func:`signature` of a text given its :func:`folded_words`."""
    m = _template().copy()
    sh = word_shingles(ws)
    if sh:
        m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype="<u8")


def to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u8").tobytes()


def from_bytes(b: bytes | memoryview | None) -> np.ndarray | None:
    if b is None:
        return None
    return np.frombuffer(bytes(b), dtype="<u8")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if a is None or b is None or len(a) != len(b):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


@lru_cache(maxsize=8)
def band_params(threshold: float) -> tuple[int, int]:
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, NUM_PERM, 0.5, 0.5)


def band_keys(sig: np.ndarray, threshold: float) -> list[tuple[int, str]]:
    """(band number, key) for each LSH band of the signature at this threshold."""
    return list(_band_keys(np.asarray(sig, dtype="<u8").tobytes(), threshold))


@lru_cache(maxsize=8)  # storing an article probes and then inserts the same keys
def _band_keys(raw: bytes, threshold: float) -> tuple[tuple[int, str], ...]:
    b, r = band_params(BAND_AT.get(threshold, threshold))
    w = 8 * r  # bytes per band
    return tuple((i, hashlib.blake2b(raw[i * w:(i + 1) * w], digest_size=8).hexdigest()) for i in range(b))
