"""Result codes: answers ⇄ short code (catalog/rules/codes.py), format 2 and the format 1 codes
already shared.

Plain Python, except the round trip of answers normalised against the loaded notice. The tests
build codes by hand from the layouts documented in codes.py, so a change of layout cannot go
unnoticed.
"""

import itertools
import string
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules import codes
from catalog.rules.answers import COUNTRY_CODES, Answers, normalise
from catalog.rules.codes import ALPHABET, LENGTH, InvalidCode, decode, encode, respell
from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES

LETTERS = string.ascii_uppercase
countries = st.builds(lambda a, b: a + b, st.sampled_from(LETTERS), st.sampled_from(LETTERS))
uses = st.frozensets(st.sampled_from(USES))
notice_ids = st.integers(min_value=0, max_value=codes.MAX_NOTICE_ID)
optional_member_earlier = st.sampled_from((None, *MEMBER_EARLIER))


@st.composite
def answers(draw, member_earlier=optional_member_earlier) -> Answers:
    """Any answers of a shape encode accepts: minors are not asked the setting; `switched_off`
    only when off; `member_earlier` may be anything (whether it applies depends on the region)."""
    country = draw(countries)
    if draw(st.booleans()):
        return Answers(country, "minor", uses=draw(uses), member_earlier=draw(member_earlier))
    setting = draw(st.sampled_from((None, *SETTINGS)))
    switched_off = draw(st.sampled_from((None, *SWITCHED_OFF))) if setting == "off" else None
    return Answers(country, "adult", setting, switched_off, draw(uses), draw(member_earlier))


v1_answers = answers(member_earlier=st.none())


def every_answers(country: str) -> list[Answers]:
    """Every answer shape for one country: 8 situations × 4 memberships × 256 sets of uses."""
    situations = [("minor", None, None), ("adult", None, None), ("adult", "on", None)]
    situations += [("adult", "unknown", None), ("adult", "off", None)]
    situations += [("adult", "off", when) for when in SWITCHED_OFF]
    all_uses = [
        frozenset(combination)
        for size in range(len(USES) + 1)
        for combination in itertools.combinations(USES, size)
    ]
    return [
        Answers(country, age, setting, switched_off, chosen, member_earlier)
        for age, setting, switched_off in situations
        for member_earlier in (None, *MEMBER_EARLIER)
        for chosen in all_uses
    ]


# ---------------------------------------------------------------- codes built by hand


def luhn_check(body: str) -> str:
    """Luhn mod 32, written out: double every other value from the right, starting with the
    rightmost; the check makes the sum a multiple of 32."""
    total = 0
    for position, char in enumerate(reversed(body)):
        value = ALPHABET.index(char)
        if position % 2 == 0:
            value *= 2
            value = value // 32 + value % 32
        total += value
    return ALPHABET[-total % 32]


def with_check(body: str) -> str:
    return body + luhn_check(body)


def to_characters(number: int, count: int) -> str:
    return "".join(ALPHABET[number >> (5 * shift) & 31] for shift in reversed(range(count)))


def country_number(country: str) -> int:
    return LETTERS.index(country[0]) * 26 + LETTERS.index(country[1])


def optional(value: str | None, choices: tuple[str, ...]) -> int:
    return 0 if value is None else 1 + choices.index(value)


def uses_bits(chosen: frozenset[str]) -> int:
    return sum(1 << USES.index(use) for use in chosen)


def payload_v1(country, age, setting, switched_off, used, notice) -> str:
    """Format 1: country 10, age 1, setting 2, switched_off 2, uses 8, notice 7 = 6 characters."""
    number = country
    for value, width in ((age, 1), (setting, 2), (switched_off, 2), (used, 8), (notice, 7)):
        number = number << width | value
    return to_characters(number, 6)


def payload_v2(country, age, setting, switched_off, member_earlier, used, notice, reserved=0):
    """Format 2: format 1's fields with member_earlier 2 bits before uses, then 3 reserved bits
    = 7 characters."""
    number = country
    fields = ((age, 1), (setting, 2), (switched_off, 2), (member_earlier, 2), (used, 8))
    for value, width in (*fields, (notice, 7), (reserved, 3)):
        number = number << width | value
    return to_characters(number, 7)


def fields_of(answers: Answers) -> tuple[int, ...]:
    return (
        country_number(answers.country),
        AGES.index(answers.age),
        optional(answers.setting, SETTINGS),
        optional(answers.switched_off, SWITCHED_OFF),
    )


def v1_code(answers: Answers, notice: int) -> str:
    return with_check("1" + payload_v1(*fields_of(answers), uses_bits(answers.uses), notice))


def v2_code(answers: Answers, notice: int) -> str:
    member_earlier = optional(answers.member_earlier, MEMBER_EARLIER)
    return with_check(
        "2" + payload_v2(*fields_of(answers), member_earlier, uses_bits(answers.uses), notice)
    )


def test_the_hand_built_check_character_matches_the_code_s():
    # Guards every test below: a builder that disagreed with codes.py would prove nothing.
    for body in ("2", "14ksg41", "2zzzzzzz", "100m000"):
        assert luhn_check(body) == codes._check_character(body)


@given(answers(), notice_ids)
def test_encode_lays_out_format_2_as_documented(answers, notice_id):
    assert encode(answers, notice_id) == v2_code(answers, notice_id)


# ---------------------------------------------------------------- format 2


@given(answers(), notice_ids)
def test_decode_gives_back_the_answers_and_notice_that_were_encoded(answers, notice_id):
    assert decode(encode(answers, notice_id)) == (answers, notice_id)


@pytest.mark.django_db
@given(
    st.sampled_from(sorted(COUNTRY_CODES)),
    st.sampled_from(AGES),
    st.sampled_from((None, *SETTINGS)),
    st.sampled_from((None, *SWITCHED_OFF)),
    optional_member_earlier,
    uses,
)
def test_every_normalised_answer_set_round_trips_through_its_code(
    notice, country, age, setting, switched_off, member_earlier, chosen
):
    normalised = normalise(
        Answers(country, age, setting, switched_off, chosen, member_earlier), notice
    )
    assert decode(encode(normalised, notice.code_id)) == (normalised, notice.code_id)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answers",
    [
        Answers("GB", "adult", "off", "before", frozenset({"posts"}), "no"),
        Answers("HK", "adult", "off", "before", frozenset(), "yes"),
        Answers("CA", "adult", "off", "before", frozenset(USES), "unknown"),
        Answers("US", "minor", member_earlier="no"),
        Answers("GB", "minor", member_earlier="yes"),
    ],
)
def test_a_code_keeps_whether_the_visitor_had_an_account_before(notice, answers):
    assert normalise(answers, notice) == answers  # each keeps its member_earlier
    assert decode(encode(answers, notice.code_id)) == (answers, notice.code_id)


def test_member_earlier_changes_the_code():
    base = Answers("GB", "adult", "off", "before", frozenset({"posts"}))
    found = {encode(replace(base, member_earlier=value), 2) for value in (None, *MEMBER_EARLIER)}
    assert len(found) == 4


@given(answers(), notice_ids)
def test_a_code_is_nine_url_safe_characters_of_the_alphabet(answers, notice_id):
    code = encode(answers, notice_id)
    assert len(code) == LENGTH == 9 <= 12
    assert code[0] == "2"
    assert set(code) <= set(string.ascii_lowercase + string.digits)
    assert set(code) <= set(ALPHABET)


def test_the_alphabet_is_crockford_s_without_letters_that_look_like_digits_or_spell_words():
    assert ALPHABET == "0123456789abcdefghjkmnpqrstvwxyz"
    assert not set("ilou") & set(ALPHABET)


@given(answers(), notice_ids)
def test_the_same_answers_always_give_the_same_code(answers, notice_id):
    copy = Answers(
        answers.country,
        answers.age,
        answers.setting,
        answers.switched_off,
        set(answers.uses),
        answers.member_earlier,
    )
    assert encode(copy, notice_id) == encode(answers, notice_id)


@given(answers(), notice_ids, answers(), notice_ids)
def test_different_answers_or_notices_give_different_codes(a, a_notice, b, b_notice):
    if (a, a_notice) != (b, b_notice):
        assert encode(a, a_notice) != encode(b, b_notice)


def test_codes_are_unique_over_the_whole_answer_space_of_a_country_and_over_every_country():
    space = every_answers("FR")
    assert len(space) == 8 * 4 * 256
    assert len({encode(answers, 2) for answers in space}) == len(space)
    everywhere = {encode(Answers(a + b, "adult", "on"), 2) for a in LETTERS for b in LETTERS}
    assert len(everywhere) == 26 * 26


def test_the_format_is_stable_known_answers_keep_their_code():
    # Links already shared depend on these exact strings: a change here is a new format version.
    answers = Answers("GB", "adult", "off", "before", frozenset({"posts", "salary"}), "no")
    assert encode(answers, 2) == "24xsm10gf"
    assert encode(Answers("ZZ", "minor"), 127) == "2n3000zr0"
    assert encode(Answers("AA", "adult", "on"), 0) == "200m0000n"
    assert encode(Answers("US", "minor", member_earlier="unknown"), 2) == "2gt0r00ga"


# ---------------------------------------------------------------- rejected codes


def assert_every_substitution_is_rejected(code: str, replacements: str) -> None:
    for position, char in enumerate(code):
        for other in replacements:
            if other != char:
                with pytest.raises(InvalidCode):
                    decode(code[:position] + other + code[position + 1 :])


@given(answers(), notice_ids)
def test_every_single_character_change_of_a_valid_code_is_rejected(answers, notice_id):
    code = encode(answers, notice_id)
    assert_every_substitution_is_rejected(code, ALPHABET + ALPHABET.upper() + "ILOU-_.~ %/\x00é")


def test_every_single_character_change_of_every_code_of_a_country_is_rejected():
    for answers in every_answers("DE")[::29]:
        assert_every_substitution_is_rejected(encode(answers, 2), ALPHABET)


def test_upper_case_spelling_of_a_valid_code_is_rejected_by_decode():
    code = encode(Answers("FR", "adult", "on", None, frozenset({"posts"})), 2)
    assert code != code.upper()
    with pytest.raises(InvalidCode):
        decode(code.upper())


@given(st.text(max_size=40))
def test_any_string_is_rejected_with_invalid_code_unless_it_is_exactly_a_built_code(text):
    try:
        answers, notice_id = decode(text)
    except InvalidCode:
        return
    build = v1_code if text.startswith("1") else encode
    assert build(answers, notice_id) == text


@given(
    st.sampled_from("12"),
    st.text(alphabet=ALPHABET, min_size=LENGTH - 2, max_size=LENGTH - 2),
)
def test_a_well_checked_string_of_the_alphabet_decodes_only_if_it_is_a_built_code(version, text):
    body = version + (text if version == "2" else text[:-1])
    candidate = with_check(body)
    try:
        answers, notice_id = decode(candidate)
    except InvalidCode:
        return
    build = v1_code if version == "1" else encode
    assert build(answers, notice_id) == candidate


@pytest.mark.parametrize(
    "code",
    [
        "",
        "2",
        "24xsm10g",  # one character short
        "24xsm10gf8",
        "2" * 13,
        "x" * 10_000,
        "24XSM10GF",
        "24xsm10gf\n",
        "24xsm 10gf",
        "24xsm-10gf",
        "14ksg41kk",  # a format 1 code one character too long
        "14ksg41",
    ],
)
def test_wrong_lengths_and_spellings_are_rejected(code):
    with pytest.raises(InvalidCode):
        decode(code)


@pytest.mark.parametrize("code", [None, 25, b"24xsm10gf", ["24xsm10gf"]])
def test_a_code_that_is_not_a_string_is_rejected(code):
    with pytest.raises(InvalidCode):
        decode(code)


@pytest.mark.parametrize("version", [c for c in ALPHABET if c not in "12"])
def test_an_unknown_format_version_is_rejected_even_with_a_correct_check(version):
    for payload in (encode(Answers("FR", "adult", "on"), 2)[1:-1], "00m000"):
        with pytest.raises(InvalidCode, match="version"):
            decode(with_check(version + payload))


@pytest.mark.parametrize("reserved", range(1, 8))
def test_a_code_with_reserved_bits_set_is_rejected_even_with_a_correct_check(reserved):
    fr = country_number("FR")
    assert with_check("2" + payload_v2(fr, 1, 1, 0, 0, 0, 2)) == encode(
        Answers("FR", "adult", "on"), 2
    )
    with pytest.raises(InvalidCode, match="reserved"):
        decode(with_check("2" + payload_v2(fr, 1, 1, 0, 0, 0, 2, reserved)))


@pytest.mark.parametrize(
    "fields",
    [
        (676, 1, 1, 0, 0, 0, 1),  # a country number past ZZ
        (1023, 0, 0, 0, 0, 0, 1),
        (0, 0, 1, 0, 0, 0, 1),  # a minor with a setting
        (0, 0, 0, 2, 0, 0, 1),  # a minor with a switch-off date
        (0, 0, 3, 1, 1, 0, 1),  # a minor with both
        (0, 1, 1, 1, 0, 0, 1),  # setting on, yet a switch-off date
        (0, 1, 3, 2, 0, 0, 1),  # setting unknown, yet a switch-off date
        (0, 1, 0, 3, 0, 0, 1),  # no setting, yet a switch-off date
    ],
)
def test_format_2_bit_patterns_that_encode_cannot_produce_are_rejected(fields):
    with pytest.raises(InvalidCode):
        decode(with_check("2" + payload_v2(*fields)))


@pytest.mark.parametrize(
    ("answers", "notice_id"),
    [
        (Answers("fr", "adult", "on"), 1),
        (Answers("FRA", "adult", "on"), 1),
        (Answers("F1", "adult", "on"), 1),
        (Answers("FR", "child", "on"), 1),
        (Answers("FR", "adult", "maybe"), 1),
        (Answers("FR", "adult", "off", "yesterday"), 1),
        (Answers("GB", "adult", "off", "before", frozenset(), "perhaps"), 1),
        (Answers("FR", "adult", "on", None, frozenset({"dance"})), 1),
        (Answers("FR", "minor", "on"), 1),
        (Answers("FR", "minor", None, "before"), 1),
        (Answers("FR", "adult", "on", "before"), 1),
        (Answers("FR", "adult", None, "before"), 1),
        (Answers("FR", "adult", "on"), 128),
        (Answers("FR", "adult", "on"), -1),
        (Answers("FR", "adult", "on"), True),
        (Answers("FR", "adult", "on"), 2.0),
    ],
)
def test_encode_refuses_answers_outside_the_vocabulary_or_not_normalised(answers, notice_id):
    with pytest.raises(ValueError):
        encode(answers, notice_id)


# ---------------------------------------------------------------- format 1 (issued until Nov 2026)

KNOWN_V1 = [
    ("14ksg41k", Answers("FR", "adult", "off", "before", frozenset({"posts", "salary"})), 1),
    ("1n3003z1", Answers("ZZ", "minor"), 127),
    ("100m000a", Answers("AA", "adult", "on"), 0),
]


@pytest.mark.parametrize(("code", "answers", "notice_id"), KNOWN_V1)
def test_format_1_codes_already_shared_still_decode(code, answers, notice_id):
    assert v1_code(answers, notice_id) == code  # the hand-built layout is format 1's
    assert decode(code) == (answers, notice_id)


@given(v1_answers, notice_ids)
def test_every_format_1_code_decodes_to_its_answers_without_member_earlier(answers, notice_id):
    code = v1_code(answers, notice_id)
    assert len(code) == codes.FORMAT_1.length == 8
    assert decode(code) == (answers, notice_id)


@given(v1_answers, notice_ids)
def test_a_format_1_code_is_reissued_in_format_2_not_kept(answers, notice_id):
    decoded, decoded_notice = decode(v1_code(answers, notice_id))
    assert encode(decoded, decoded_notice) == v2_code(answers, notice_id)


@given(v1_answers, notice_ids)
def test_every_single_character_change_of_a_format_1_code_is_rejected(answers, notice_id):
    code = v1_code(answers, notice_id)
    assert_every_substitution_is_rejected(code, ALPHABET + ALPHABET.upper() + "ILOU-")


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
def test_format_1_bit_patterns_that_encode_cannot_produce_are_rejected(fields):
    with pytest.raises(InvalidCode):
        decode(with_check("1" + payload_v1(*fields)))


# ---------------------------------------------------------------- lenient spellings


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("24XSM10GF", "24xsm10gf"),
        ("24xsmi0gf", "24xsm10gf"),
        ("24xsml0gf", "24xsm10gf"),
        ("24XSMLOGF", "24xsm10gf"),
        ("24xsm1ogf", "24xsm10gf"),
        ("2n3OoOzr0", "2n3000zr0"),
        ("2ooMoooon", "200m0000n"),
        ("24xsm-10gf", "24xsm10gf"),
        ("2-4xsm-10-gf", "24xsm10gf"),
        ("  24xsm10gf\n", "24xsm10gf"),
        ("14KSG41K", "14ksg41k"),
        ("i4ksg4lk", "14ksg41k"),
        ("24xsm10gf", "24xsm10gf"),
    ],
)
def test_respell_maps_lenient_spellings_onto_the_canonical_one(typed, canonical):
    assert respell(typed) == canonical


@given(answers(), notice_ids)
def test_a_canonical_code_is_its_own_spelling(answers, notice_id):
    code = encode(answers, notice_id)
    assert respell(code) == code


@given(answers(), notice_ids, st.data())
def test_any_lenient_spelling_of_a_code_respells_to_the_code(answers, notice_id, data):
    code = encode(answers, notice_id)
    variants = {"0": "0oO", "1": "1iIlL"}
    typed = ""
    for char in code:
        typed += data.draw(st.sampled_from(variants.get(char, char + char.upper())))
        typed += data.draw(st.sampled_from(["", "", "-"]))
    assert respell(typed) == code
    assert decode(respell(typed)) == (answers, notice_id)


def test_respell_does_not_turn_other_characters_into_valid_ones():
    assert respell("24xsm10gfu") == "24xsm10gfu"
    with pytest.raises(InvalidCode):
        decode(respell("24xsu10gf"))
