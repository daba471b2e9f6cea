"""The vocabulary shared by the content files, the form, the API and the result code (DESIGN.md).

The order of the answer tuples is part of the result-code format: append, never reorder.
"""

from typing import Final

REGIONS: Final = ("eea", "ch", "gb", "ca", "hk", "other")
AGES: Final = ("minor", "adult")
SETTINGS: Final = ("on", "off", "unknown")
SWITCHED_OFF: Final = ("before", "after", "unknown")
MEMBER_EARLIER: Final = ("yes", "no", "unknown")
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

# The content's own vocabulary (catalog/content/*.toml).
ROW_SLUGS: Final = (
    "train",
    "features",
    "ai-general",
    "improve",
    "safety",
    "public-interest",
    "consent-recovery",
    "consent-badge",
    "consent-ai-tools",
    "microsoft-uk",
)
LISTED_BY: Final = ("notice", "faq")  # who lists an item for training: the T row, the FAQ's list
DOCUMENTS: Final = ("notice", "policy")  # what governs a region
OBJECTION_ROUTES: Final = ("gdpr", "uk-gdpr", "fadp", "policy")
SOURCE_KINDS: Final = ("primary", "regulator", "reported", "press")
