from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "petakan.opendata"
    verbose_name = "Data terbuka"
