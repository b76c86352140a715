"""Hostile query parameters (NUL, superscript and other Unicode digits, huge numbers, invalid
UTF-8, very long text) never make a page or the API fail, on SQLite and on PostgreSQL;
control characters are refused with 400 the same way on both backends."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from cnbudget.store import open as open_store
from cnbudget.web import create_app
from cnbudget.web.guard import bad_query, whole_number
from cnbudget.web.store import StoreLibrary

from ..store.pgserver import PostgresServer
from .conftest import SAMPLES

ROUTES = {
    "/": ("department", "region", "year", "sort", "order", "page", "kind", "scope", "errors"),
    "/compare": ("measure", "code", "department", "region", "year", "doc"),
    "/compare.csv": ("measure", "code", "year", "department"),
    "/compare.xlsx": ("measure", "code", "year"),
    "/api/documents": ("department", "region", "year"),
    "/api/compare": ("measure", "code", "department", "region", "year", "doc"),
    "/findings": ("rule", "severity", "status", "region", "year", "doc", "sort", "order", "page"),
    "/findings.csv": ("rule", "severity", "status", "year"),
    "/api/findings": ("rule", "severity", "status", "region", "year", "sort", "offset", "limit"),
    "/facts": ("table", "code", "column", "region", "year", "department", "page"),
    "/facts.csv": ("table", "code", "column", "year"),
    "/api/facts": ("table", "code", "column", "region", "year", "offset", "limit"),
}
VALUES = (
    "²",
    "²²²²",
    "２０２５",
    "٢٠٢٥",
    "¹⁰",
    "-1",
    "0",
    "9" * 40,
    "1e3",
    "🙂",
    "%",
    "_",
    "\\",
    "' OR 1=1 --",
    "\u202e2025",
    "x" * 3000,
    "2101501",
    "２１０１５０１",
)
CONTROL = ("\x00", "a\x00b", "\x1b[31m", "\x7f")


@pytest.fixture(scope="module")
def pg_library() -> Iterator[StoreLibrary]:
    server = PostgresServer().start()
    store = open_store(server.new_database())
    try:
        for sample in SAMPLES[:2]:
            assert store.ingest_path(sample).status == "ingested"
        yield StoreLibrary(store)
    finally:
        store.close()
        server.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def any_client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> TestClient:
    if request.param == "postgresql":
        library = request.getfixturevalue("pg_library")
    else:
        folder = tmp_path_factory.mktemp("params")
        store = open_store(str(folder / "a.db"))
        for sample in SAMPLES[:2]:
            copy = folder / sample.name
            shutil.copy(sample, copy)
            assert store.ingest_path(copy).status == "ingested"
        library = StoreLibrary(store)
    return TestClient(create_app(library), raise_server_exceptions=False)


def _get(client: TestClient, path: str, key: str, value: str) -> int:
    return client.get(f"{path}?{key}={quote(value, safe='')}").status_code


def test_hostile_values_never_fail(any_client: TestClient) -> None:
    failures = [
        (path, key, value[:20], status)
        for path, keys in ROUTES.items()
        for key in keys
        for value in VALUES
        if (status := _get(any_client, path, key, value)) >= 500
    ]
    assert not failures


def test_control_characters_are_refused_alike(any_client: TestClient) -> None:
    for path, keys in ROUTES.items():
        for key in keys:
            for value in CONTROL:
                response = any_client.get(f"{path}?{key}={quote(value, safe='')}")
                assert response.status_code == 400, (path, key, value)
                assert "控制字符" in response.text
    assert any_client.get("/documents/%00").status_code == 400
    assert any_client.get("/api/documents/a%00b").status_code == 400


def test_invalid_utf8_and_long_queries_are_refused(any_client: TestClient) -> None:
    assert any_client.get("/?department=%ED%A0%80").status_code == 400
    assert any_client.get("/api/documents?region=%FF").status_code == 400
    assert any_client.get("/?department=" + "a" * 20000).status_code == 400


def test_superscript_page_and_year_read_as_nothing(any_client: TestClient) -> None:
    assert any_client.get("/?page=²").status_code == 200
    assert any_client.get("/?year=²²²²").status_code == 200
    listed = any_client.get("/api/documents?year=²²²²")
    assert listed.status_code == 422


def test_whole_number() -> None:
    assert whole_number("12") == 12
    assert whole_number(" ２０２５ ") == 2025
    assert whole_number("²") is None
    assert whole_number("²²²²") is None
    assert whole_number("-1") is None
    assert whole_number("9" * 40) is None
    assert whole_number("") is None


def test_bad_query() -> None:
    assert bad_query(b"/", b"department=%E5%8C%BB") is None
    assert bad_query(b"/", b"department=%00") is not None
    assert bad_query(b"/a%00", b"") is not None
    assert bad_query(b"/", b"a=%C3%28") is not None
    assert bad_query(b"/", b"q=%09tab") is None  # a tab is white space, not a control


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(sorted(ROUTES)),
    data=st.data(),
    value=st.text(
        st.characters(categories=["Nd", "No", "Cc", "Lo", "Zs", "Sm", "Po"]), max_size=12
    ),
)
def test_any_unicode_parameter(
    client: TestClient, path: str, data: st.DataObject, value: str
) -> None:
    key = data.draw(st.sampled_from(ROUTES[path]))
    status = _get(client, path, key, value)
    assert status < 500, (path, key, value)
    if bad_query(path.encode(), f"{key}={quote(value, safe='')}".encode()):
        assert status == 400


@pytest.fixture(scope="module")
def pg_api_schema(pg_library: StoreLibrary) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(pg_library))


pg_schema = schemathesis.pytest.from_fixture("pg_api_schema")


@pg_schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_on_postgresql_has_no_server_error(case: schemathesis.Case) -> None:
    """schemathesis (NUL and any Unicode allowed in strings) against the PostgreSQL store."""
    case.call_and_validate(checks=[not_a_server_error])
