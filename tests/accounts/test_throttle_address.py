from __future__ import annotations

from django.test import RequestFactory

from petakan.accounts.throttle import client_address


def test_an_ipv6_client_is_keyed_by_its_64_network() -> None:
    one = RequestFactory(REMOTE_ADDR="2001:db8:1:2::1").get("/")
    other = RequestFactory(REMOTE_ADDR="2001:db8:1:2:ffff::9").get("/")
    assert client_address(one) == client_address(other) == "2001:db8:1:2::/64"


def test_an_ipv4_client_is_keyed_by_its_address_also_when_mapped_into_ipv6() -> None:
    assert client_address(RequestFactory(REMOTE_ADDR="::ffff:198.51.100.7").get("/")) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_forwarded_client_address_counts(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7").get("/")
    # the client can forge the first entry; the one the proxy appended is the one to believe
    assert client_address(request) == "198.51.100.7"


def test_without_a_trusted_proxy_forwarded_headers_are_ignored() -> None:
    request = RequestFactory(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="6.6.6.6").get("/")
    assert client_address(request) == "198.51.100.7"
