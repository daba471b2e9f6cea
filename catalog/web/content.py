"""The content snapshot as every page reads it: a friendly 404 while none is loaded; and the
documents that depend on nothing but the content version, kept with it."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from catalog.snapshot import Content, current_content


def loaded_content() -> Content:
    """The content snapshot, or a 404 while none is loaded."""
    content = current_content()
    if content is None:
        raise Http404("No content loaded")
    return content


def kept_with_the_version(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a document that depends only on the content, the language of its address and the
    scheme and host it is asked on (the sitemap, the changes feed): written once per content
    version and kept with it (Notice.computed), so a new revision writes it anew."""

    @wraps(view)
    def document(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        content = current_content()
        if content is None:
            return view(request, *args, **kwargs)
        key = (document, get_language(), request.scheme, request.get_host(), request.path)
        kept = content.current.computed.get(key)
        if kept is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if hasattr(response, "render"):
                response.render()
            kept = content.current.computed[key] = (response.content, dict(response.headers))
        body, headers = kept
        return HttpResponse(body, headers=headers)

    return document
