from django.urls import path

from petakan.profiles import views

app_name = "profiles"
urlpatterns = [
    path("kelengkapan/", views.completeness, name="completeness"),
    path("kelengkapan/belum-diajukan.<str:fmt>", views.not_submitted_export, name="not_submitted"),
    path("excel/", views.excel_page, name="excel"),
    path("excel/templat.xlsx", views.template_download, name="template"),
    path("excel/<int:pk>/simpan/", views.commit_upload, name="commit"),
    path("permintaan-buka/<int:pk>/", views.decide_reopen, name="decide_reopen"),
    path("<str:code>/<int:year>/", views.profile_page, name="profile"),
    path("<str:code>/<int:year>/minta-dibuka/", views.request_reopen, name="request_reopen"),
    path("<str:code>/<int:year>/ubah/<slug:section>/", views.edit_section, name="edit"),
    path("<str:code>/<int:year>/<slug:action>/", views.transition_view, name="transition"),
]
