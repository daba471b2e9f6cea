"""Django's session, authentication and messages middleware, for the admin only.

Public pages read no session, user or message, and set no cookie: running these three on them
costs every page a few objects for nothing. Each class here is Django's own, skipped outside the
admin's URL prefix; being subclasses, they satisfy the admin's system checks (admin.E408-E410)
as the originals would.
"""

from collections.abc import Callable

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponseBase

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
