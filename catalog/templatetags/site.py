from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, lang: str) -> str:
    """The current page (query string included) in another language: the switch keeps the page."""
    request = context["request"]
    return translate_url(request.get_full_path(), lang)
