from django.urls import path

from petakan.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:job_id>/", views.job_page, name="job"),
    path("<int:job_id>/status/", views.job_status, name="status"),
    path("<int:job_id>/coba-lagi/", views.job_retry, name="retry"),
    path("<int:job_id>/unduh/", views.job_download, name="download"),
]
