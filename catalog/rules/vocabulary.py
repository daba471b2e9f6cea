"""The answer vocabulary shared by the form, the API and the result code (DESIGN.md).

The order of every tuple here is part of the result-code format: append, never reorder.
"""

from typing import Final

REGIONS: Final = ("eea", "ch", "gb", "ca", "hk", "other")
AGES: Final = ("minor", "adult")
SETTINGS: Final = ("on", "off", "unknown")
SWITCHED_OFF: Final = ("before", "after", "unknown")
USES: Final = (
    "posts",
    "groups",
    "ai-tools",
    "resumes",
    "verification",
    "feedback",
    "messages",
    "salary",
)

CATEGORY_SLUGS: Final = (
    "profile",
    "content",
    "activity",
    "technical",
    "inferred",
    "verification",
    "ai-inputs",
    "feedback",
)
EXCLUSION_SLUGS: Final = ("private-messages", "salary", "minors")

STATUSES: Final = ("in-scope", "past-only", "not-in-scope", "not-listed", "not-applicable")
