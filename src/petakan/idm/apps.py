from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdmConfig(AppConfig):
    name = "petakan.idm"
    label = "idm"
    verbose_name = _("Indeks Desa Membangun (IDM)")
