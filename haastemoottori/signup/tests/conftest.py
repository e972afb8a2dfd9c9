"""The trade register stand-in (a local HTTP server) for the sign-up tests."""

from haastemoottori.registry.tests.conftest import register_on, register_server  # noqa: F401 (fixtures)
