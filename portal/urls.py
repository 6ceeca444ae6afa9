from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import health, views
from portal.api import api_router

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/live", health.liveness, name="healthz-live"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("portal.account_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v2/", api_router.urls),
    path("search/", include("search.urls")),
    path("practices/", include("practices.urls")),
    path("communities/", include("communities.urls")),
    path("events/", include("events.urls")),
    path("mentoring/", include("mentoring.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page serving last: it claims every remaining path.
    path("", include(wagtail_urls)),
]

handler404 = views.page_not_found
handler500 = views.server_error
