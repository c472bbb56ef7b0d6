"""/usulan/: village proposals (see proposal_views)."""

from django.urls import path

from petakan.monitoring import proposal_views as views

app_name = "proposals"

urlpatterns = [
    path("", views.listing, name="list"),
    path("saya/", views.mine, name="mine"),
    path("desa/<str:code>/<int:year>/", views.village, name="village"),
    path("desa/<str:code>/<int:year>/dari-profil/", views.convert, name="convert"),
    path("kecamatan/<str:code>/<int:year>/", views.district, name="district"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/cabut/", views.withdraw, name="withdraw"),
    path("<int:pk>/putuskan/", views.decide, name="decide"),
]
