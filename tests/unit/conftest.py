"""Unit tests run with no network: any socket but a Unix one (asyncio's self-pipe) fails."""
import pytest_socket


def pytest_runtest_setup(item):
    pytest_socket.disable_socket(allow_unix_socket=True)


def pytest_runtest_teardown(item):
    pytest_socket.enable_socket()
