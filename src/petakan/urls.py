from django.urls import include, path

from petakan.api import api
from petakan.monitoring.evaluation_views import evaluation_document
from petakan.profiles import offline
from petakan.web import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # the installable site: the worker's scope is the folder it is served from, so it must sit at the root
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.offline_page, name="offline"),
    path("api/v1/", api.urls),
    path("", include("petakan.opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("petakan.accounts.urls")),
    path("ekonomi/", include("petakan.economy.urls")),
    path("rencana/", include("petakan.planning.urls")),
    # the yearly evaluation document, outside monitoring/urls.py (listed first: the include below
    # never shadows it)
    path("pemantauan/evaluasi/", evaluation_document, name="monitoring-evaluation"),
    path("pemantauan/", include("petakan.monitoring.urls")),
    path("profil/", include("petakan.profiles.urls")),
    path("indeks/", include("petakan.indices.urls")),
    path("idm/", include("petakan.idm.urls")),
    path("peta/", include("petakan.maps.urls")),
    path("papan/", include("petakan.board.urls")),
    path("tugas/", include("petakan.jobs.urls")),
    path("usulan/", include("petakan.monitoring.proposal_urls")),
    path("", include("petakan.web.urls")),
]

# Error pages in the visitor's language and the site's layout (petakan.web.errors; also used when DEBUG is on).
handler400 = "petakan.web.errors.bad_request"
handler403 = "petakan.web.errors.permission_denied"
handler404 = "petakan.web.errors.page_not_found"
handler500 = "petakan.web.errors.server_error"
