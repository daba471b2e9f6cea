"""The content snapshot as every page reads it: a friendly 404 while none is loaded."""

from django.http import Http404

from catalog.snapshot import Content, current_content


def loaded_content() -> Content:
    """The content snapshot, or a 404 while none is loaded."""
    content = current_content()
    if content is None:
        raise Http404("No content loaded")
    return content
