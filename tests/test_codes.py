"""Result codes: answers ⇄ short code (catalog/codes.py). Plain Python, no database."""

import itertools
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.rules.codes import ALPHABET, LENGTH, InvalidCode, decode, encode
from catalog.rules.vocabulary import SETTINGS, SWITCHED_OFF, USES

LETTERS = string.ascii_uppercase
countries = st.builds(lambda a, b: a + b, st.sampled_from(LETTERS), st.sampled_from(LETTERS))
uses = st.frozensets(st.sampled_from(USES))
notice_ids = st.integers(min_value=0, max_value=codes.MAX_NOTICE_ID)


@st.composite
def answers(draw) -> Answers:
    """Any normalised answers: minors are not asked the setting; `switched_off` only when off."""
    country = draw(countries)
    if draw(st.booleans()):
        return Answers(country=country, age="minor", uses=draw(uses))
    setting = draw(st.sampled_from((None, *SETTINGS)))
    switched_off = draw(st.sampled_from((None, *SWITCHED_OFF))) if setting == "off" else None
    return Answers(country, "adult", setting, switched_off, draw(uses))


def every_answers(country: str) -> list[Answers]:
    """The whole answer space for one country (8 situations × 256 sets of uses)."""
    situations = [("minor", None, None), ("adult", None, None), ("adult", "on", None)]
    situations += [("adult", "unknown", None), ("adult", "off", None)]
    situations += [("adult", "off", when) for when in SWITCHED_OFF]
    all_uses = [
        frozenset(combination)
        for size in range(len(USES) + 1)
        for combination in itertools.combinations(USES, size)
    ]
    return [
        Answers(country, age, setting, switched_off, chosen)
        for age, setting, switched_off in situations
        for chosen in all_uses
    ]


def with_check(body: str) -> str:
    return body + codes._check_character(body)


@given(answers(), notice_ids)
def test_decode_gives_back_the_answers_and_notice_that_were_encoded(answers, notice_id):
    assert decode(encode(answers, notice_id)) == (answers, notice_id)


@given(answers(), notice_ids)
def test_a_code_is_at_most_12_url_safe_characters_of_the_alphabet(answers, notice_id):
    code = encode(answers, notice_id)
    assert len(code) == LENGTH <= 12
    assert set(code) <= set(string.ascii_lowercase + string.digits)
    assert set(code) <= set(ALPHABET)


@given(answers(), notice_ids)
def test_the_same_answers_always_give_the_same_code(answers, notice_id):
    copy = Answers(
        answers.country, answers.age, answers.setting, answers.switched_off, set(answers.uses)
    )
    assert encode(copy, notice_id) == encode(answers, notice_id)


@given(answers(), notice_ids, answers(), notice_ids)
def test_different_answers_or_notices_give_different_codes(a, a_notice, b, b_notice):
    if (a, a_notice) != (b, b_notice):
        assert encode(a, a_notice) != encode(b, b_notice)


def test_codes_are_unique_over_the_whole_answer_space_of_a_country_and_over_every_country():
    space = every_answers("FR")
    assert len(space) == 8 * 256
    assert len({encode(answers, 1) for answers in space}) == len(space)
    everywhere = {encode(Answers(a + b, "adult", "on"), 2) for a in LETTERS for b in LETTERS}
    assert len(everywhere) == 26 * 26


def test_the_format_is_stable_known_answers_keep_their_code():
    # Links already shared depend on these exact strings: a change here is a new format version.
    assert encode(Answers("FR", "adult", "off", "before", frozenset({"posts", "salary"})), 1) == (
        "14ksg41k"
    )
    assert encode(Answers("ZZ", "minor"), 127) == "1n3003z1"
    assert encode(Answers("AA", "adult", "on"), 0) == "100m000a"


@given(answers(), notice_ids)
def test_every_single_character_change_of_a_valid_code_is_rejected(answers, notice_id):
    code = encode(answers, notice_id)
    replacements = ALPHABET + ALPHABET.upper() + "ILOU-_.~ %/\x00é"
    for position, char in enumerate(code):
        for other in replacements:
            if other == char:
                continue
            changed = code[:position] + other + code[position + 1 :]
            with pytest.raises(InvalidCode):
                decode(changed)


def test_every_single_character_change_of_every_code_of_a_country_is_rejected():
    for answers in every_answers("DE")[::7]:
        code = encode(answers, 2)
        for position in range(LENGTH):
            for other in ALPHABET:
                changed = code[:position] + other + code[position + 1 :]
                if changed != code:
                    with pytest.raises(InvalidCode):
                        decode(changed)


def test_upper_case_spelling_of_a_valid_code_is_rejected():
    code = encode(Answers("FR", "adult", "on", None, frozenset({"posts"})), 1)
    assert code != code.upper()
    with pytest.raises(InvalidCode):
        decode(code.upper())


@given(st.text(max_size=40))
def test_any_string_is_rejected_with_invalid_code_unless_encode_makes_exactly_it(text):
    try:
        answers, notice_id = decode(text)
    except InvalidCode:
        return
    assert encode(answers, notice_id) == text


@given(st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH))
def test_a_well_checked_string_of_the_alphabet_decodes_only_if_encode_makes_it(text):
    candidate = with_check(text[:-1])
    try:
        answers, notice_id = decode(candidate)
    except InvalidCode:
        return
    assert encode(answers, notice_id) == candidate


@pytest.mark.parametrize(
    "code",
    [
        "",
        "1",
        "14ksg41",
        "14ksg41kk",
        "1" * 13,
        "x" * 10_000,
        "14KSG41K",
        "14ksg41k\n",
        "14ksg 41k",
    ],
)
def test_wrong_lengths_and_spellings_are_rejected(code):
    with pytest.raises(InvalidCode):
        decode(code)


@pytest.mark.parametrize("version", [c for c in ALPHABET if c != "1"])
def test_an_unknown_format_version_is_rejected_even_with_a_correct_check(version):
    payload = encode(Answers("FR", "adult", "on"), 1)[1:-1]
    with pytest.raises(InvalidCode, match="version"):
        decode(with_check(version + payload))


def payload_for(country: int, age: int, setting: int, switched_off: int, used: int, notice: int):
    number = (
        ((((country << 1 | age) << 2 | setting) << 2 | switched_off) << 8 | used) << 7
    ) | notice
    return "".join(ALPHABET[number >> (5 * shift) & 31] for shift in reversed(range(6)))


def test_the_test_payload_builder_matches_encode():
    # Guards the tests below: a builder that disagreed with encode would prove nothing.
    fr = LETTERS.index("F") * 26 + LETTERS.index("R")
    answers = Answers("FR", "adult", "off", "before", frozenset({"posts", "salary"}))
    assert with_check("1" + payload_for(fr, 1, 2, 1, 0b10000001, 1)) == encode(answers, 1)


@pytest.mark.parametrize(
    "fields",
    [
        (676, 1, 1, 0, 0, 1),  # a country number past ZZ
        (1023, 0, 0, 0, 0, 1),
        (0, 0, 1, 0, 0, 1),  # a minor with a setting
        (0, 0, 0, 2, 0, 1),  # a minor with a switch-off date
        (0, 1, 1, 1, 0, 1),  # setting on, yet a switch-off date
        (0, 1, 0, 3, 0, 1),  # no setting, yet a switch-off date
    ],
)
def test_bit_patterns_that_encode_cannot_produce_are_rejected(fields):
    with pytest.raises(InvalidCode):
        decode(with_check("1" + payload_for(*fields)))


@pytest.mark.parametrize(
    ("answers", "notice_id"),
    [
        (Answers("fr", "adult", "on"), 1),
        (Answers("FRA", "adult", "on"), 1),
        (Answers("F1", "adult", "on"), 1),
        (Answers("FR", "child", "on"), 1),
        (Answers("FR", "adult", "maybe"), 1),
        (Answers("FR", "adult", "off", "yesterday"), 1),
        (Answers("FR", "adult", "on", None, frozenset({"dance"})), 1),
        (Answers("FR", "minor", "on"), 1),
        (Answers("FR", "adult", "on", "before"), 1),
        (Answers("FR", "adult", "on"), 128),
        (Answers("FR", "adult", "on"), -1),
        (Answers("FR", "adult", "on"), True),
    ],
)
def test_encode_refuses_answers_outside_the_vocabulary_or_not_normalised(answers, notice_id):
    with pytest.raises(ValueError):
        encode(answers, notice_id)
