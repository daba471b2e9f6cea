"""Catalog pages. (Skeleton: filled in by the catalog issue.)"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/home.html", {})


def _todo(request: HttpRequest, **kwargs) -> HttpResponse:
    from django.http import Http404

    raise Http404


category = exclusion = search = notices = notice = sources = _todo


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
