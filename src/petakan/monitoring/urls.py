from django.urls import path

from petakan.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.summary, name="summary"),
    path("realisasi/", views.worklist, name="worklist"),
    path("tertinggal/", views.behind, name="behind"),
    path("dimensi/<slug:code>/", views.dimension, name="dimension"),
    path("sasaran/<int:pk>/", views.sasaran, name="sasaran"),
    path("program/<int:pk>/", views.programme, name="programme"),
    path("program/<int:pk>/<int:year>/", views.realisation, name="realisation"),
    path("program/<int:pk>/<int:year>/isi/", views.realisation_edit, name="realisation_edit"),
    path("program/<int:pk>/<int:year>/ajukan/", views.realisation_submit, name="realisation_submit"),
    path("program/<int:pk>/<int:year>/tinjau/", views.realisation_review, name="realisation_review"),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence"),
    path("program/<int:pk>/<int:year>/bukti/<int:file_pk>/hapus/", views.evidence_remove, name="evidence_remove"),
]
