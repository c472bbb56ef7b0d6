from django.urls import path

from petakan.opendata import dcat, ogc, views

app_name = "opendata"
urlpatterns = [
    # CKAN serves its action API both with and without the version segment
    path("api/3/action/<str:name>", views.action, name="action"),
    path("api/action/<str:name>", views.action, name="action_unversioned"),
    path("data-terbuka/profil-desa-<int:year>.csv", views.profiles_csv, name="profiles_csv"),
    path("dcat/catalog.jsonld", dcat.catalog_view, name="dcat"),
    # OGC API – Features: no trailing slashes below the landing page, since clients join "collections" onto it
    path("ogc/", ogc.landing, name="ogc_landing"),
    path("ogc/conformance", ogc.conformance, name="ogc_conformance"),
    path("ogc/collections", ogc.collections_view, name="ogc_collections"),
    path("ogc/collections/<str:collection_id>", ogc.collection_view, name="ogc_collection"),
    path("ogc/collections/<str:collection_id>/items", ogc.items, name="ogc_items"),
    path("ogc/collections/<str:collection_id>/items/<str:feature_id>", ogc.item, name="ogc_item"),
]
