"""Answers ⇄ short result code: the shareable part of a result link (/r/<code>/).

A code is a lower-case Crockford base-32 string (digits and letters without i, l, o, u: URL-safe
and hard to misread):

    v ppppppp c
    │ │       └ check character: Luhn mod 32 over the characters before it
    │ └ payload, 5 bits a character, most significant first
    └ format version

Format 2 (9 characters; what encode makes), from the most significant bit of 35:

    country        10 bits  (first letter - 'A') * 26 + (second letter - 'A'), below 676
    age             1 bit   index in vocabulary.AGES
    setting         2 bits  0 = not asked, else 1 + index in vocabulary.SETTINGS
    switched_off    2 bits  0 = not asked, else 1 + index in vocabulary.SWITCHED_OFF
    member_earlier  2 bits  0 = not asked, else 1 + index in vocabulary.MEMBER_EARLIER
    uses            8 bits  bit i (counting from the least significant) = vocabulary.USES[i]
    notice          7 bits  Notice.code_id (0-127)
    reserved        3 bits  zero

Format 1 (8 characters, issued until November 2026) is format 2 without member_earlier and the
reserved bits. It still decodes, so every link ever issued keeps resolving: the view redirects it
to the canonical code of its normalised answers.

Luhn mod N detects every single-character substitution (and most swaps of neighbours). A code has
one canonical spelling; `respell` maps the lenient Crockford spellings (upper case, o for 0, i and
l for 1, hyphens) onto it. decode rejects every bit pattern that encode cannot produce. A
well-formed code only proves the shape: the view still checks the notice and normalisation.
"""

from dataclasses import dataclass
from typing import Final

from catalog.rules.answers import Answers
from catalog.rules.vocabulary import AGES, MEMBER_EARLIER, SETTINGS, SWITCHED_OFF, USES

ALPHABET: Final = "0123456789abcdefghjkmnpqrstvwxyz"
BASE: Final = len(ALPHABET)
MAX_NOTICE_ID: Final = 127

_INDEX: Final = {char: value for value, char in enumerate(ALPHABET)}
_LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COUNTRIES: Final = len(_LETTERS) ** 2
_NOTICE_BITS: Final = 7
_OPTIONAL: Final = {
    "setting": SETTINGS,
    "switched_off": SWITCHED_OFF,
    "member_earlier": MEMBER_EARLIER,
}


@dataclass(frozen=True)
class Format:
    version: int
    fields: tuple[tuple[str, int], ...]  # (name, bits), most significant first, before the notice
    reserved: int  # zero bits after the notice id, to fill whole characters

    @property
    def payload_length(self) -> int:
        bits = sum(width for _, width in self.fields) + _NOTICE_BITS + self.reserved
        assert bits % 5 == 0
        return bits // 5

    @property
    def length(self) -> int:
        return 1 + self.payload_length + 1


FORMAT_1: Final = Format(
    1, (("country", 10), ("age", 1), ("setting", 2), ("switched_off", 2), ("uses", 8)), 0
)
FORMAT_2: Final = Format(
    2,
    (
        ("country", 10),
        ("age", 1),
        ("setting", 2),
        ("switched_off", 2),
        ("member_earlier", 2),
        ("uses", 8),
    ),
    3,
)
FORMATS: Final = {fmt.version: fmt for fmt in (FORMAT_1, FORMAT_2)}
CURRENT: Final = FORMAT_2
FORMAT_VERSION: Final = CURRENT.version
LENGTH: Final = CURRENT.length

assert len(ALPHABET) == 32 and len(set(ALPHABET)) == 32
assert len(USES) == 8 and len(AGES) == 2 and all(len(v) == 3 for v in _OPTIONAL.values())


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
    """The code (current format) of normalised answers computed against this notice version.

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
        **{
            name: _optional_index(getattr(answers, name), choices, name)
            for name, choices in _OPTIONAL.items()
        },
        "uses": sum(1 << USES.index(use) for use in answers.uses),
    }
    number = 0
    for name, width in CURRENT.fields:
        number = (number << width) | fields[name]
    number = ((number << _NOTICE_BITS) | notice_code_id) << CURRENT.reserved
    payload = "".join(
        ALPHABET[(number >> (5 * shift)) & 31] for shift in reversed(range(CURRENT.payload_length))
    )
    body = ALPHABET[CURRENT.version] + payload
    return body + _check_character(body)


def decode(code: str) -> tuple[Answers, int]:
    """The answers and the notice code_id of a code of any format; InvalidCode for anything
    encode (of that format) cannot make."""
    if not isinstance(code, str) or not code or any(char not in _INDEX for char in code):
        raise InvalidCode("character outside the alphabet")
    fmt = FORMATS.get(_INDEX[code[0]])
    if fmt is None:
        raise InvalidCode("unknown format version")
    if len(code) != fmt.length:
        raise InvalidCode("wrong length")
    body, check = code[:-1], code[-1]
    if _check_character(body) != check:
        raise InvalidCode("check character does not match")
    number = 0
    for char in body[1:]:
        number = (number << 5) | _INDEX[char]
    if number & ((1 << fmt.reserved) - 1):
        raise InvalidCode("reserved bits set")
    number >>= fmt.reserved
    notice_code_id = number & ((1 << _NOTICE_BITS) - 1)
    number >>= _NOTICE_BITS
    fields: dict[str, int] = {}
    for name, width in reversed(fmt.fields):
        fields[name] = number & ((1 << width) - 1)
        number >>= width
    if fields["country"] >= _COUNTRIES:
        raise InvalidCode("country out of range")
    optional = {}
    for name, choices in _OPTIONAL.items():
        value = fields.get(name, 0)
        if value > len(choices):
            raise InvalidCode(f"{name} out of range")
        optional[name] = None if value == 0 else choices[value - 1]
    first, second = divmod(fields["country"], len(_LETTERS))
    answers = Answers(
        country=_LETTERS[first] + _LETTERS[second],
        age=AGES[fields["age"]],
        uses=frozenset(use for bit, use in enumerate(USES) if fields["uses"] >> bit & 1),
        **optional,
    )
    try:
        _check_shape(answers)
    except ValueError as error:
        raise InvalidCode(str(error)) from None
    return answers, notice_code_id


_RESPELL: Final = str.maketrans({"o": "0", "i": "1", "l": "1", "-": None})


def respell(raw: str) -> str:
    """The canonical spelling of a leniently typed code: case, o/0, i/l/1 and hyphens."""
    return raw.strip().lower().translate(_RESPELL)
