"""A visitor's answers, in the vocabulary of vocabulary.py. Plain Python: no request, no ORM."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Answers:
    """Normalised answers: keys that do not apply are None, so one situation has one value."""

    country: str  # ISO 3166-1 alpha-2, upper case
    age: str  # vocabulary.AGES
    setting: str | None = None  # vocabulary.SETTINGS; None for minors
    switched_off: str | None = None  # vocabulary.SWITCHED_OFF; only when it is asked
    uses: frozenset[str] = frozenset()  # subset of vocabulary.USES
