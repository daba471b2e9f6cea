"""The content store: what the content files (catalog/content/) say, rows per notice version.

The files are the one source of truth: `load_content` writes these rows and bumps the
ContentRevision; the admin only reads them. Every row belongs to a notice version, so a result link
pinned to a version keeps showing what that version said after a newer one is loaded. Pages never
read these models directly: they read catalog.snapshot, built from them once per revision.

Visitor-facing text comes in pairs of fields, `<field>_en` and `<field>_fr`. Lists of source slugs
and of row slugs are JSON lists (the files are reviewed like code; the rows are never edited here).
"""

from django.db import models


class ContentRevision(models.Model):
    """A single row: its number goes up whenever `load_content` writes content that changed."""

    number = models.PositiveIntegerField(default=0)
    digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the content files.")
    loaded_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"revision {self.number}"


class Notice(models.Model):
    """A dated version of LinkedIn's European Regional Privacy Notice, and what we say it says."""

    slug = models.SlugField(unique=True, help_text="Its effective date, e.g. 2025-11-03.")
    code_id = models.PositiveSmallIntegerField(
        unique=True, help_text="Its number inside result codes. Never change or reuse it."
    )
    effective = models.DateField()
    source_slug = models.CharField(max_length=20, help_text="The source that is its text (N25…).")
    title_en = models.CharField(max_length=200)
    title_fr = models.CharField(max_length=200)
    summary_en = models.TextField()
    summary_fr = models.TextField()
    changes_en = models.TextField(blank=True)
    changes_fr = models.TextField(blank=True)
    changes_sources = models.JSONField(default=list)

    class Meta:
        ordering = ["effective"]

    def __str__(self) -> str:
        return self.slug


class NoticeContent(models.Model):
    """Fields every per-version row has: its notice, slug, place in its list and sources."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="+")
    slug = models.SlugField(max_length=40)
    order = models.PositiveSmallIntegerField(default=0)
    sources = models.JSONField(default=list, help_text="Source slugs, in citation order.")

    class Meta:
        abstract = True
        ordering = ["notice", "order"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "slug"], name="%(class)s_unique_per_notice")
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}:{self.slug}"


class Source(NoticeContent):
    kind = models.CharField(max_length=20, help_text="primary, regulator, reported or press.")
    title = models.CharField(max_length=300, help_text="As published, in its own language.")
    title_lang = models.CharField(max_length=10)
    title_fr = models.CharField(
        max_length=300, blank=True, help_text="The publisher's own French title, if any."
    )
    url = models.URLField(blank=True, max_length=500, help_text="Empty when no address is known.")
    url_fr = models.URLField(blank=True, max_length=500)
    publisher = models.CharField(max_length=200)
    publisher_fr = models.CharField(
        max_length=200, blank=True, help_text="The publisher's own French name, if any."
    )
    publisher_in_sentence_fr = models.CharField(
        max_length=200,
        blank=True,
        help_text="How a French sentence names the publisher, when it takes an article (l’AFP).",
    )
    published_en = models.CharField(max_length=80)
    published_fr = models.CharField(max_length=80)
    note_en = models.TextField(blank=True)
    note_fr = models.TextField(blank=True)


class Row(NoticeContent):
    """A row (purpose) of the notice's table that can list a piece of data."""

    line = models.PositiveSmallIntegerField(help_text="Its line in the notice copy.")
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    summary_en = models.TextField()
    summary_fr = models.TextField()
    setting = models.BooleanField(help_text="The setting covers it.")
    objection = models.BooleanField(help_text="Contested through the objection route.")
    regions = models.JSONField(default=list, help_text="Region slugs; empty: all notice regions.")


class PolicyUse(NoticeContent):
    """Outside Europe: an AI use in the global Privacy Policy's (or LinkedIn Help's) own words."""

    line = models.PositiveSmallIntegerField(null=True, blank=True)
    summary_en = models.TextField()
    summary_fr = models.TextField()


class Region(NoticeContent):
    name_en = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    countries = models.TextField(blank=True, help_text="ISO alpha-2 codes, comma-separated.")
    document = models.CharField(max_length=10, help_text="notice or policy: what governs it.")
    controller = models.CharField(max_length=120)
    objection = models.CharField(max_length=10, help_text="gdpr, uk-gdpr, fadp or policy.")
    regulator_en = models.CharField(max_length=200)
    regulator_fr = models.CharField(max_length=200)
    regulator_url = models.URLField(max_length=300)
    regulator_sources = models.JSONField(default=list)
    note_en = models.TextField(blank=True)
    note_fr = models.TextField(blank=True)


class Period(models.Model):
    """A time when LinkedIn trained (or may have trained) on the region's members' data."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="periods")
    order = models.PositiveSmallIntegerField(default=0)
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Empty while it runs.")
    start_approximate = models.BooleanField(default=False)
    end_approximate = models.BooleanField(default=False)
    announced = models.BooleanField(
        default=False, help_text="Announced ahead: members could switch off before it began."
    )
    note_en = models.TextField()
    note_fr = models.TextField()
    sources = models.JSONField(default=list)
    start_reported_by = models.JSONField(
        default=list,
        blank=True,
        help_text="The press reports its start rests on, when no notice or regulator dates it.",
    )

    class Meta:
        ordering = ["region", "order"]

    def __str__(self) -> str:
        return f"{self.region}:{self.start}"


class RegionFact(models.Model):
    """What regulators obtained, or how far back the data go, for a region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="facts")
    order = models.PositiveSmallIntegerField(default=0)
    reported = models.BooleanField(help_text="Known only from the press.")
    summary_en = models.TextField()
    summary_fr = models.TextField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["region", "order"]

    def __str__(self) -> str:
        return f"{self.region}:{self.order}"


class Category(NoticeContent):
    name_en = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    summary_en = models.TextField()
    summary_fr = models.TextField()

    class Meta(NoticeContent.Meta):
        verbose_name_plural = "categories"


class Item(NoticeContent):
    """A piece of data, the notice rows whose cells name it, and who lists it for training."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="items")
    use = models.SlugField(blank=True, help_text="The `uses` answer that gives a member this item.")
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    examples_en = models.TextField(blank=True)
    examples_fr = models.TextField(blank=True)
    note_en = models.TextField(blank=True)
    note_fr = models.TextField(blank=True)
    rows = models.JSONField(default=list, help_text="Row slugs whose cells name it.")
    listed_by = models.JSONField(
        default=list, help_text="notice and/or faq: lists it for training."
    )


class Exclusion(NoticeContent):
    use = models.SlugField(blank=True, help_text="The `uses` answer that makes it apply.")
    further = models.BooleanField(default=False, help_text="Named by fewer sources.")
    applies_from = models.DateField(null=True, blank=True)
    name_en = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    summary_en = models.TextField()
    summary_fr = models.TextField()
    details_en = models.TextField(blank=True)
    details_fr = models.TextField(blank=True)


class Correction(models.Model):
    """An entry of the public corrections log."""

    slug = models.SlugField(max_length=60, unique=True)
    date = models.DateField()
    title_en = models.CharField(max_length=200)
    title_fr = models.CharField(max_length=200)
    summary_en = models.TextField()
    summary_fr = models.TextField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["-date", "slug"]

    def __str__(self) -> str:
        return self.slug
