"""Answers ⇄ short result code: the shareable part of a result link (/r/<code>/).

A code is 8 characters of a lower-case Crockford base-32 alphabet (digits and letters without
i, l, o, u: URL-safe and hard to misread):

    v pppppp c
    │ │      └ check character: Luhn mod 32 over the 7 characters before it
    │ └ payload: 30 bits, most significant first, 5 bits a character
    └ format version ("1")

Payload of format 1, from the most significant bit:

    country       10 bits  (first letter - 'A') * 26 + (second letter - 'A'), below 676
    age            1 bit   index in vocabulary.AGES
    setting        2 bits  0 = not asked, else 1 + index in vocabulary.SETTINGS
    switched_off   2 bits  0 = not asked, else 1 + index in vocabulary.SWITCHED_OFF
    uses           8 bits  bit i (counting from the least significant) = vocabulary.USES[i]
    notice         7 bits  Notice.code_id (0-127)

So the vocabulary, the order of its tuples and the notice code ids are part of the format: a change
to any of them is a new format version, decoded next to this one, so old links keep working.

Luhn mod N detects every single-character substitution (and most swaps of neighbours). The code has
exactly one spelling: no case folding, no padding bits, and decode rejects every bit pattern that
encode cannot produce. A well-formed code only proves the shape: the view still checks that the
notice exists and that the decoded answers are already normalised.
"""

from typing import Final

from catalog.rules.answers import Answers
from catalog.rules.vocabulary import AGES, SETTINGS, SWITCHED_OFF, USES

ALPHABET: Final = "0123456789abcdefghjkmnpqrstvwxyz"
BASE: Final = len(ALPHABET)
FORMAT_VERSION: Final = 1
PAYLOAD_LENGTH: Final = 6  # characters: 30 bits
LENGTH: Final = 1 + PAYLOAD_LENGTH + 1
MAX_NOTICE_ID: Final = 127

_INDEX: Final = {char: value for value, char in enumerate(ALPHABET)}
_LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COUNTRIES: Final = len(_LETTERS) ** 2
# Field widths in bits, most significant first; they add up to 5 bits per payload character.
_WIDTHS: Final = (("country", 10), ("age", 1), ("setting", 2), ("switched_off", 2), ("uses", 8))
_NOTICE_BITS: Final = 7

assert len(ALPHABET) == 32 and len(set(ALPHABET)) == 32
assert sum(width for _, width in _WIDTHS) + _NOTICE_BITS == 5 * PAYLOAD_LENGTH
assert len(USES) == 8 and len(AGES) == 2 and len(SETTINGS) == 3 and len(SWITCHED_OFF) == 3


class InvalidCode(ValueError):
    """The string is not a result code that encode() could have produced."""


def _check_character(body: str) -> str:
    """Luhn mod 32: the character that makes the whole code's Luhn sum a multiple of 32."""
    total = 0
    # From the rightmost character of the body, every other one (starting with it) is doubled,
    # because the check character will sit to its right.
    for position, char in enumerate(reversed(body)):
        value = _INDEX[char]
        if position % 2 == 0:
            value *= 2
            value = value // BASE + value % BASE  # sum of base-32 digits: a permutation of 0-31
        total += value
    return ALPHABET[(BASE - total % BASE) % BASE]


def _country_number(country: str) -> int:
    if len(country) != 2 or any(letter not in _LETTERS for letter in country):
        raise ValueError(f"country must be two upper-case letters A-Z, got {country!r}")
    return _LETTERS.index(country[0]) * len(_LETTERS) + _LETTERS.index(country[1])


def _optional_index(value: str | None, choices: tuple[str, ...], name: str) -> int:
    if value is None:
        return 0
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices} or None, got {value!r}")
    return 1 + choices.index(value)


def _check_shape(answers: Answers) -> None:
    """Region-independent normalisation rules: keys that do not apply are None."""
    if answers.age == "minor" and (answers.setting is not None or answers.switched_off is not None):
        raise ValueError("a minor is not asked about the setting")
    if answers.switched_off is not None and answers.setting != "off":
        raise ValueError("switched_off is only asked when the setting is off")


def encode(answers: Answers, notice_code_id: int) -> str:
    """The code of normalised answers computed against the notice with this code_id.

    Raises ValueError for answers outside the vocabulary or a notice id outside 0-127.
    """
    if answers.age not in AGES:
        raise ValueError(f"age must be one of {AGES}, got {answers.age!r}")
    unknown_uses = set(answers.uses) - set(USES)
    if unknown_uses:
        raise ValueError(f"unknown uses: {sorted(unknown_uses)}")
    if (
        not isinstance(notice_code_id, int)
        or isinstance(notice_code_id, bool)
        or not 0 <= notice_code_id <= MAX_NOTICE_ID
    ):
        raise ValueError(f"notice code id must be 0-{MAX_NOTICE_ID}, got {notice_code_id!r}")
    _check_shape(answers)
    fields = {
        "country": _country_number(answers.country),
        "age": AGES.index(answers.age),
        "setting": _optional_index(answers.setting, SETTINGS, "setting"),
        "switched_off": _optional_index(answers.switched_off, SWITCHED_OFF, "switched_off"),
        "uses": sum(1 << USES.index(use) for use in answers.uses),
    }
    number = 0
    for name, width in _WIDTHS:
        number = (number << width) | fields[name]
    number = (number << _NOTICE_BITS) | notice_code_id
    payload = "".join(
        ALPHABET[(number >> (5 * shift)) & 31] for shift in reversed(range(PAYLOAD_LENGTH))
    )
    body = ALPHABET[FORMAT_VERSION] + payload
    return body + _check_character(body)


def decode(code: str) -> tuple[Answers, int]:
    """The answers and the notice code_id of a code; InvalidCode for anything encode cannot make."""
    if not isinstance(code, str) or len(code) != LENGTH:
        raise InvalidCode("wrong length")
    if any(char not in _INDEX for char in code):
        raise InvalidCode("character outside the alphabet")
    body, check = code[:-1], code[-1]
    if _check_character(body) != check:
        raise InvalidCode("check character does not match")
    if _INDEX[body[0]] != FORMAT_VERSION:
        raise InvalidCode("unknown format version")
    number = 0
    for char in body[1:]:
        number = (number << 5) | _INDEX[char]
    notice_code_id = number & ((1 << _NOTICE_BITS) - 1)
    number >>= _NOTICE_BITS
    fields: dict[str, int] = {}
    for name, width in reversed(_WIDTHS):
        fields[name] = number & ((1 << width) - 1)
        number >>= width
    if fields["country"] >= _COUNTRIES:
        raise InvalidCode("country out of range")
    first, second = divmod(fields["country"], len(_LETTERS))
    answers = Answers(
        country=_LETTERS[first] + _LETTERS[second],
        age=AGES[fields["age"]],
        setting=None if fields["setting"] == 0 else SETTINGS[fields["setting"] - 1],
        switched_off=(
            None if fields["switched_off"] == 0 else SWITCHED_OFF[fields["switched_off"] - 1]
        ),
        uses=frozenset(use for bit, use in enumerate(USES) if fields["uses"] >> bit & 1),
    )
    try:
        _check_shape(answers)
    except ValueError as error:
        raise InvalidCode(str(error)) from None
    return answers, notice_code_id
