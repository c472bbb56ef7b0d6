from django.urls import path

from petakan.board import views

app_name = "board"
urlpatterns = [
    path("", views.board_page, name="board"),
    path("isi/", views.board_fragment, name="fragment"),
    path("belum-mulai.xlsx", views.not_started_export, name="not_started"),
    path("tautan/", views.link_create, name="link_create"),
    path("tautan/<int:pk>/cabut/", views.link_revoke, name="link_revoke"),
    path("t/<str:token>/", views.shared_page, name="shared"),
    path("t/<str:token>/isi/", views.shared_fragment, name="shared_fragment"),
]
