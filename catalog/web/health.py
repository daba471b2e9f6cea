"""/healthz for load balancers and uptime checks: 200 when the database answers, 503 otherwise."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe  # GET, and HEAD for load balancers that probe with it
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Healthy when the database answers a trivial query.

    Fast when it does not: PostgreSQL connections time out after DATABASE_CONNECT_TIMEOUT
    seconds, and a refused connection fails at once.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check failed: %s", error)
        # Drop the broken connection now rather than at the end of the request.
        connection.close_if_unusable_or_obsolete()
        return JsonResponse({"status": "unhealthy", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
