"""The self-assessment, its result and its short links. (Skeleton: filled in by later issues.)"""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404


start = check_answers = question = result = shared_result = result_card = _todo
