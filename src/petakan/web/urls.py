from django.urls import path

from petakan.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("beranda/", views.my_home, name="my_home"),
    path("wilayah/<str:code>/", views.area_page, name="area"),
    path("peta/<slug:key>.geojson", views.layer, name="layer"),
]
