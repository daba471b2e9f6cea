"""The content model: what LinkedIn's notice says, version by version, with a source for each claim.

Visitor-facing text fields are translated by django-modeltranslation (see translation.py), which
adds `<field>_fr` and `<field>_en` columns; the content files under catalog/content/ fill both.
"""

from django.db import models
from django.urls import reverse

# The notice's rows ("purposes") an item can be listed in. Keys are the field names on DataItem.
ROWS = ("train", "features", "improve", "safety")


class Source(models.Model):
    slug = models.SlugField(max_length=20, unique=True)  # the ids of CONTENT.md: N25, FAQ, AFP…
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    published = models.CharField(
        max_length=40, help_text="As the source dates itself, e.g. 3 Nov 2025."
    )
    url = models.URLField(blank=True, max_length=500, help_text="Empty when no address is known.")
    note = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.slug


class Notice(models.Model):
    """A dated version of LinkedIn's European Regional Privacy Notice."""

    slug = models.SlugField(unique=True, help_text="Its effective date, e.g. 2025-11-03.")
    code_id = models.PositiveSmallIntegerField(
        unique=True, help_text="Its number inside result codes. Never change or reuse it."
    )
    effective = models.DateField()
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What this version says about generative AI, in short.")
    changes = models.TextField(blank=True, help_text="What changed from the previous version.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="notices")

    class Meta:
        ordering = ["-effective"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("catalog:notice", args=[self.slug])

    @classmethod
    def current(cls) -> "Notice":
        return cls.objects.select_related("source").order_by("-effective").first()


class Region(models.Model):
    slug = models.SlugField(unique=True)  # eea, ch, gb, ca, hk, other
    name = models.CharField(max_length=120)
    countries = models.TextField(
        blank=True, help_text="ISO 3166-1 alpha-2 codes, comma-separated. Empty for 'other'."
    )
    training_start = models.DateField(help_text="When training on members' data started here.")
    notice_before_start = models.BooleanField(
        help_text="Members could switch the setting off before the start date (so we ask when)."
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="regions")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.slug

    def country_codes(self) -> list[str]:
        return [code.strip().upper() for code in self.countries.split(",") if code.strip()]


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("catalog:category", args=[self.slug])


class DataItem(models.Model):
    """An item of a category as one notice version lists it, with the rows that list it."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="items")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="items")
    slug = models.SlugField()
    name = models.CharField(max_length=200)
    examples = models.TextField(blank=True)
    note = models.TextField(blank=True, help_text="Where sources differ, say so here.")
    use = models.SlugField(
        blank=True,
        help_text="The questionnaire's `uses` answer that gives a member this item; "
        "empty when every member has it.",
    )
    train = models.BooleanField("training row", default=False)
    features = models.BooleanField("AI features row", default=False)
    improve = models.BooleanField("product improvement row", default=False)
    safety = models.BooleanField("safety and security row", default=False)
    sources = models.ManyToManyField(Source, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["category__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "slug"], name="unique_item_per_notice")
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}:{self.slug}"

    def rows(self) -> list[str]:
        return [row for row in ROWS if getattr(self, row)]


class Exclusion(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField()
    details = models.TextField(blank=True)
    use = models.SlugField(
        blank=True, help_text="The `uses` answer that makes it apply (minors: by age)."
    )
    further = models.BooleanField(
        default=False, help_text="A further exclusion named by one source only."
    )
    sources = models.ManyToManyField(Source, related_name="exclusions")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["further", "order"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("catalog:exclusion", args=[self.slug])
