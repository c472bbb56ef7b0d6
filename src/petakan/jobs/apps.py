from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "petakan.jobs"
    label = "jobs"
    verbose_name = "Tugas latar"
