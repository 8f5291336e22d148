"""clean_body: related-article links and credit lines inside a body are not the article."""

import pytest

from khobor.clean import clean_body


@pytest.mark.parametrize("line", ["আরও পড়ুন: হাদির খুনি গ্রেপ্তার", "আরো পড়ুন: হাদির খুনি গ্রেপ্তার", "আরো পড়ুন"])
def test_related_links_are_dropped(line):
    assert clean_body(f"প্রথম অনুচ্ছেদ এখানে।\n{line}\nশেষ অনুচ্ছেদ।") == "প্রথম অনুচ্ছেদ এখানে।\nশেষ অনুচ্ছেদ।"


def test_a_sentence_that_mentions_reading_is_kept():
    text = "তিনি বলেন, আরও পড়ুন এবং জানুন — এটাই আমাদের আহ্বান, যা সবার জন্য প্রযোজ্য।"
    assert clean_body(text) == text
