from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "haastemoottori.taxonomy"
    label = "taxonomy"
