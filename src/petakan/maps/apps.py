from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "petakan.maps"
    verbose_name = "Peta dan dasbor"
