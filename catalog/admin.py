from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from catalog.models import Category, DataItem, Exclusion, Notice, Region, Source


class DataItemInline(TranslationTabularInline):
    model = DataItem
    extra = 0
    fields = ("category", "slug", "name", "use", "train", "features", "improve", "safety", "order")


@admin.register(Notice)
class NoticeAdmin(TranslationAdmin):
    list_display = ("slug", "effective", "code_id")
    inlines = [DataItemInline]


@admin.register(DataItem)
class DataItemAdmin(TranslationAdmin):
    list_display = ("slug", "notice", "category", "train", "features", "improve", "safety")
    list_filter = ("notice", "category", "train")
    search_fields = ("slug", "name_en", "name_fr")
    filter_horizontal = ("sources",)


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ("slug", "name", "order")


@admin.register(Exclusion)
class ExclusionAdmin(TranslationAdmin):
    list_display = ("slug", "name", "further", "order")
    filter_horizontal = ("sources",)


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("slug", "name", "training_start", "notice_before_start")
    filter_horizontal = ("sources",)


@admin.register(Source)
class SourceAdmin(TranslationAdmin):
    list_display = ("slug", "title", "publisher", "published")
