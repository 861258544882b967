"""URLs: the admin is the application; i18n/ switches its language."""
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("calendars/me/", include("localization.urls")),
    path("calendars/", include("calendars.urls")),
]
# The brand logos and product images people upload, served by the development server only (DEBUG);
# in production the web server or a storage service serves MEDIA_ROOT.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
