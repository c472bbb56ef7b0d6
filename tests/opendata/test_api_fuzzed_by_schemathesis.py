"""schemathesis fuzzes every operation of /api/v1/ against its own OpenAPI document (over the live test server on
127.0.0.1): no server error, no undocumented status, no body or content type the document does not state.

Over HTTP rather than the WSGI app: the WSGI transport does not undo ``Content-Encoding: gzip``, which the server
rightly sends when a generated request accepts it.

Bounded: a few examples per operation, so the whole file takes seconds.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from petakan.indices import services
from tests.opendata.test_real_clients import store


@pytest.fixture(scope="module")
def computed(demo_profiles):  # type: ignore[no-untyped-def]
    return services.compute(services.framework("smart-city-v1"), demo_profiles, sensitivity_runs=4)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 15


def test_no_generated_request_breaks_the_server_or_the_schema(kendal_live, computed, live_server) -> None:  # type: ignore[no-untyped-def]
    store(computed, "published")
    store(computed, "all")
    schema = schemathesis.openapi.from_url(live_server.url + "/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(checks=CHECKS)

        fuzz()
