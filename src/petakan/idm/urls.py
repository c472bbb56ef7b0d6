from django.urls import path

from petakan.idm import views

app_name = "idm"
urlpatterns = [
    path("", views.regency_page, name="regency"),
    path("kecamatan/<str:code>/", views.district_page, name="district"),
    path("desa/<str:code>/<int:year>/", views.village_page, name="village"),
    path("desa/<str:code>/<int:year>/isi/", views.entry_page, name="entry"),
    path("desa/<str:code>/<int:year>/periksa/", views.review_page, name="review"),
    path("impor/skor/", views.import_scores_page, name="import_scores"),
    path("impor/resmi/", views.import_official_page, name="import_official"),
    path("peta/<int:year>.json", views.map_json, name="map"),
]
