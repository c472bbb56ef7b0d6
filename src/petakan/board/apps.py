from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "petakan.board"
    label = "board"
    verbose_name = "Papan Bimtek"
