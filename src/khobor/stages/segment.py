"""Stage: sentences and tokens, with offsets into ``Article.text``."""

from __future__ import annotations

from ..article import Article
from ..text.segment import split_sentences, tokenize


class SegmentStage:
    name = "segment"

    def __call__(self, doc: Article) -> None:
        doc.sentences = split_sentences(doc.text)
        doc.tokens = tokenize(doc.text)
