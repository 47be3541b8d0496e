"""One Firefox and one WebKit per session, each behind a refusing proxy (``drivers.py``).

The engine fixture is parametrized: ``-m firefox`` or ``-m webkit`` selects one engine's smoke
paths. An engine that is not installed fails its tests with the command that installs it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.engines.drivers import Engine, RefusingProxy, available, launch


@pytest.fixture(scope="session")
def proxy() -> Iterator[RefusingProxy]:
    server = RefusingProxy()
    yield server
    server.close()


@pytest.fixture(
    scope="session",
    params=[pytest.param("firefox", marks=pytest.mark.firefox), pytest.param("webkit", marks=pytest.mark.webkit)],
)
def engine(request: pytest.FixtureRequest, proxy: RefusingProxy) -> Iterator[Engine]:
    missing = available(request.param)
    if missing:
        pytest.fail(f"{request.param}: {missing}")
    browser = launch(request.param, proxy)
    yield browser
    browser.quit()


@pytest.fixture
def fresh(engine: Engine, proxy: RefusingProxy) -> Iterator[Engine]:
    """The engine with a fresh context and page, and the proxy's record emptied."""
    engine.open()
    proxy.requests.clear()
    yield engine
