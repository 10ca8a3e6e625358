"""Fixtures shared across test modules: the local fake site the scraper,
crawler and sensor tests talk to (127.0.0.1 only, never the internet)."""

import pytest

from tests.test_scrape_discover import Site, fresh_site, local_server


@pytest.fixture(scope="module")
def server():
    with local_server() as s:
        yield s


@pytest.fixture
def site(server) -> Site:
    return fresh_site(server)
