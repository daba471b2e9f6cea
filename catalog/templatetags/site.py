from django import template
from django.urls import translate_url

from catalog.present.pages import row_names as _row_names
from catalog.present.summary import period_text
from catalog.snapshot import Notice, Period

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, lang: str) -> str:
    """The current page (query string included) in another language: the switch keeps the page."""
    request = context["request"]
    return translate_url(request.get_full_path(), lang)


@register.filter
def period(value: Period) -> str:
    """When a training period ran, in words (present.summary.period_text)."""
    return period_text(value)


@register.simple_tag
def row_names(notice: Notice, slugs) -> list:
    """The names of the notice's rows, for row slugs."""
    return _row_names(notice, slugs)
