from django.urls import path

from petakan.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.map_page, name="map"),
    path("data.json", views.data_json, name="data"),
    path("wilayah.json", views.area_json, name="area"),
    path("zona.geojson", views.zones_geojson, name="zones"),
    path("unduh.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("unduh.geojson", views.export, {"fmt": "geojson"}, name="export_geojson"),
    path("unduh.gpkg", views.export, {"fmt": "gpkg"}, name="export_gpkg"),
    path("unduh.shp.zip", views.export, {"fmt": "shp.zip"}, name="export_shp"),
    path("dasbor/", views.dashboard, name="dashboard"),
]
