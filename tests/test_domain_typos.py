import pytest

from ocop.domain.typos import corrections, within_one_edit


@pytest.mark.parametrize(
    ("typed", "word", "expected"),
    [
        ("ngao", "ngao", True),
        ("ngaa", "ngao", True),  # one letter replaced
        ("ngo", "ngao", True),  # one missing
        ("ngaoo", "ngao", True),  # one extra
        ("ngoa", "ngao", True),  # neighbours swapped
        ("xngao", "ngao", True),  # extra at the start
        ("gao", "ngao", True),
        ("ngaoz", "ngao", True),  # extra at the end
        ("ngii", "ngao", False),  # two replaced
        ("oang", "ngao", False),
        ("ng", "ngao", False),  # two missing
        ("ngaoxx", "ngao", False),
        ("aogn", "ngao", False),
        ("", "a", True),
        ("", "ab", False),
    ],
)
def test_it_tells_words_one_edit_apart(typed, word, expected):
    assert within_one_edit(typed, word) is expected
    assert within_one_edit(word, typed) is expected


@pytest.mark.parametrize(
    ("typed", "vocabulary", "expected"),
    [
        ("ngaa", ["ngao", "ngan", "ngay", "nguyen", "ta"], ["ngan", "ngao", "ngay"]),
        ("shann", ["shan", "than"], ["shan"]),
        ("ngao", ["ngao"], []),  # the word itself is no correction
        ("tq", ["ta", "to"], []),  # too short to correct
        ("tuyet", [], []),
    ],
)
def test_it_corrects_a_word_from_the_vocabulary(typed, vocabulary, expected):
    assert corrections(typed, vocabulary) == expected
