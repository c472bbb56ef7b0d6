from django.contrib.auth import views as auth_views
from django.urls import path

from petakan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("kata-sandi/baru/", views.set_own_password, name="set_password"),
    path("pengguna/", views.accounts_list, name="list"),
    path("pengguna/baru/", views.account_create, name="create"),
    path("pengguna/slip/", views.area_account_slips, name="slips"),
    path("pengguna/<int:pk>/atur-ulang/", views.reset_password, name="reset_password"),
    path("pembatasan-masuk/", views.throttles, name="throttles"),
]
