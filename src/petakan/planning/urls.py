from django.urls import path

from petakan.planning import impact_views, views

app_name = "planning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("rpjmd/", views.cascade, name="cascade"),
    path("rpjmd/periode/baru/", views.period_edit, name="period_new"),
    path("rpjmd/periode/<int:pk>/ubah/", views.period_edit, name="period_edit"),
    path("rpjmd/impor/", views.import_cascade, name="import"),
    path("rpjmd/templat.xlsx", views.template_xlsx, name="template"),
    path("butir/<slug:kind>/baru/", views.item_edit, name="item_new"),
    path("butir/<slug:kind>/<int:pk>/ubah/", views.item_edit, name="item_edit"),
    path("butir/<slug:kind>/<int:pk>/hapus/", views.item_delete, name="item_delete"),
    path("program/", views.programme_list, name="programmes"),
    path("program/peta/", impact_views.programmes_map, name="programmes_map"),
    path("program/baru/", views.programme_edit, name="programme_new"),
    path("program/<int:pk>/", views.programme_detail, name="programme"),
    path("program/<int:pk>/ubah/", views.programme_edit, name="programme_edit"),
    path("program/<int:pk>/hapus/", views.programme_delete, name="programme_delete"),
    path("program/<int:pk>/dampak/", impact_views.programme_impact, name="programme_impact"),
    path("program/<int:pk>/persetujuan/", views.programme_approve, name="programme_approve"),
    path("celah/", views.gaps, name="gaps"),
    path("keselarasan/", views.alignment, name="alignment"),
    path("keselarasan.xlsx", views.alignment_xlsx, name="alignment_xlsx"),
    path("prioritas/", views.priorities, name="priorities"),
    path("peta-jalan/", views.roadmap, name="roadmap"),
    path("kesiapan/", views.readiness, name="readiness"),
    path("kesiapan/rubrik/", views.rubric_edit, name="rubric"),
    path("visi-smart-city/", views.smart_city, name="smart_city"),
    path("buku/", views.books, name="books"),
    path("buku/<slug:slug>.docx", views.book_docx, name="book"),
    path("buku/<slug:slug>.pdf", views.book_docx, {"fmt": "pdf"}, name="book_pdf"),
    path("buku/<slug:slug>/pdf/", views.book_job, name="book_job"),
    path("pengaturan/", views.settings_edit, name="settings"),
    path("riwayat/", views.history, name="history"),
]
