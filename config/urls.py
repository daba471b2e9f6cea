from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from catalog.web import api, health, seo

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", include((api.urlpatterns, "api"))),
    # For search engines, in no language prefix.
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots"),
]
# `/` redirects to /fr/ or /en/ by Accept-Language (LocaleMiddleware); no cookie is read or set.
urlpatterns += i18n_patterns(path("", include("catalog.web.urls")))

handler400 = "catalog.web.middleware.bad_request"
handler404 = "catalog.web.views.page_not_found"
handler500 = "catalog.web.views.server_error"
