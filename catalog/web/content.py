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


class _NotKept(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def kept_with_the_version(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a document that depends only on the content, the language of its address and the
    scheme and host it is asked on (the sitemap, the changes feed): written once per content
    version and kept with it (Notice.kept), so a new revision writes it anew."""

    @wraps(view)
    def document(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        content = current_content()
        if content is None:
            return view(request, *args, **kwargs)

        def write() -> tuple[bytes, dict]:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                raise _NotKept(response)
            if hasattr(response, "render"):
                response.render()
            return response.content, dict(response.headers)

        key = (document, get_language(), request.scheme, request.get_host(), request.path)
        try:
            body, headers = content.current.kept(key, write)
        except _NotKept as not_kept:  # an error is answered, never kept
            return not_kept.response
        return HttpResponse(body, headers=headers)

    return document
