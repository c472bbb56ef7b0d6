from django.urls import path

from petakan.opendata import views

app_name = "opendata"
urlpatterns = [
    # CKAN serves its action API both with and without the version segment
    path("api/3/action/<str:name>", views.action, name="action"),
    path("api/action/<str:name>", views.action, name="action_unversioned"),
    path("data-terbuka/profil-desa-<int:year>.csv", views.profiles_csv, name="profiles_csv"),
]
