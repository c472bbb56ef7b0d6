from django.urls import path

from petakan.indices import views

app_name = "indices"
urlpatterns = [
    path("", views.runs_page, name="runs"),
    path("hitung/", views.compute, name="compute"),
    path("run/<int:run_id>/", views.run_page, name="run"),
    path("run/<int:run_id>/skor.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("run/<int:run_id>/skor.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("run/<int:run_id>/metodologi/", views.run_methodology, name="run_methodology"),
    path("metodologi/<str:framework>/", views.methodology, name="methodology"),
    path("bandingkan/", views.compare, name="compare"),
]
