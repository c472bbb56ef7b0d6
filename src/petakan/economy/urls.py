from django.urls import path

from petakan.economy import views

app_name = "economy"
urlpatterns = [
    path("", views.analysis_page, name="analysis"),
    path("analisis.csv", views.analysis_csv, name="analysis_csv"),
    path("data/", views.series_list, name="series_list"),
    path("data/<int:pk>/", views.series_detail, name="series"),
    path("unggah/", views.import_page, name="import"),
    path("komoditas/", views.commodities_page, name="commodities"),
]
