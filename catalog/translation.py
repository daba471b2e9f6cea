"""Which fields exist in French and English (modeltranslation adds `_fr` and `_en` columns)."""

from modeltranslation.translator import TranslationOptions, register

from catalog.models import Category, DataItem, Exclusion, Notice, Region, Source


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("published", "note")


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("title", "summary", "changes")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "note")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "summary")


@register(DataItem)
class DataItemTranslation(TranslationOptions):
    fields = ("name", "examples", "note")


@register(Exclusion)
class ExclusionTranslation(TranslationOptions):
    fields = ("name", "summary", "details")
