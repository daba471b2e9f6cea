"""The admin shows the content read-only: the content files are its one source of truth.

An edit made here would be overwritten by the next `load_content` (which `make serve` runs at
every start), so nothing can be edited here; every page says where to edit instead.
"""

from django.contrib import admin
from django.http import HttpRequest

from catalog import models

admin.site.site_header = "LinkedIn, your data and AI: content (read-only)"
admin.site.index_title = (
    "Read-only. Edit catalog/content/*.toml (reviewed like code), then run "
    "`python manage.py load_content`; corrections go in catalog/content/corrections.toml."
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(models.Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ("slug", "effective", "code_id", "title_en")


@admin.register(models.Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ("slug", "notice", "category", "name_en", "rows", "listed_by")
    list_filter = ("notice", "category__slug")
    search_fields = ("slug", "name_en", "name_fr")


@admin.register(models.Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("slug", "notice", "name_en", "document", "controller", "objection")
    list_filter = ("notice",)


@admin.register(models.Period)
class PeriodAdmin(ReadOnlyAdmin):
    list_display = ("region", "start", "end", "start_approximate", "end_approximate", "announced")


@admin.register(models.Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("slug", "notice", "kind", "title", "publisher")
    list_filter = ("notice", "kind")


@admin.register(models.Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("date", "slug", "title_en")


for model in (
    models.Category,
    models.Exclusion,
    models.Row,
    models.PolicyUse,
    models.RegionFact,
    models.ContentRevision,
):
    admin.site.register(model, ReadOnlyAdmin)
