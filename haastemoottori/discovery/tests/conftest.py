from haastemoottori.search.tests.conftest import e5, publish, reindex

__all__ = ["e5", "publish", "reindex"]
