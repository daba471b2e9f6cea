"""Django's session, CSRF, authentication and messages middleware, for the admin only.

Public pages read no session, user, message or CSRF token, and set no cookie: running these
four on them costs every page a few objects and hooks for nothing. Each class here is Django's
own, skipped outside the admin's URL prefix; being subclasses, they satisfy the admin's system
checks (admin.E408-E410) as the originals would. The one public POST (letter.txt) is
csrf_exempt and checks where it was sent from itself.
"""

from collections.abc import Callable

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware

ADMIN_PREFIX = "/admin/"  # config/urls.py


def is_admin(request: HttpRequest) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


class _AdminOnly:
    get_response: Callable[[HttpRequest], HttpResponseBase]

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_admin(request):
            return self.get_response(request)
        return super().__call__(request)  # type: ignore[misc]


class AdminSessionMiddleware(_AdminOnly, SessionMiddleware):
    pass


class AdminAuthenticationMiddleware(_AdminOnly, AuthenticationMiddleware):
    pass


class AdminMessageMiddleware(_AdminOnly, MessageMiddleware):
    pass


class AdminCsrfViewMiddleware(_AdminOnly, CsrfViewMiddleware):
    """The CSRF check also runs as a view hook, which Django calls for every view."""

    def process_view(
        self, request: HttpRequest, callback: Callable, callback_args: tuple, callback_kwargs: dict
    ) -> HttpResponseBase | None:
        if not is_admin(request):
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)
