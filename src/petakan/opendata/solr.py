"""The part of Solr's query syntax that CKAN clients send to ``package_search``: ``fq`` filters and ``sort``.

A harvester asks "what changed since my last visit" with ``fq=metadata_modified:[2026-01-01T00:00:00Z TO *]`` and
often adds ``+dataset_type:dataset`` or ``organization:<name>``; portals sort by ``metadata_modified desc`` or
``name asc``. Those forms are understood here, over the in-memory catalogue (tens of datasets, so no index):

- clauses separated by spaces, optionally joined by ``AND``; ``+`` or no prefix means must match, ``-`` or ``NOT``
  must not;
- ``field:value`` (``*`` as a wildcard, ``"quoted value"`` for spaces), ``field:[low TO high]`` inclusive and
  ``field:{low TO high}`` exclusive ranges, ``*`` as an open bound; dates as ISO 8601 or ``NOW``;
- ``*:*`` matches everything.

``OR``, grouping and boosting are refused with a message rather than half understood. No Django here.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

DATE_FIELDS = ("metadata_modified", "metadata_created")
SORT_FIELDS = (*DATE_FIELDS, "name", "title", "score")


class QueryError(ValueError):
    """A filter or sort this catalogue cannot answer; the message says which part and why."""


def _strings(*keys: str) -> Callable[[dict[str, Any]], list[str]]:
    def read(package: dict[str, Any]) -> list[str]:
        value: Any = package
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return [] if value is None else [str(value)]

    return read


def _each(list_key: str, key: str) -> Callable[[dict[str, Any]], list[str]]:
    return lambda package: [str(item[key]) for item in package.get(list_key, []) if item.get(key) is not None]


FIELDS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "id": _strings("id"),
    "name": _strings("name"),
    "title": _strings("title"),
    "notes": _strings("notes"),
    "state": _strings("state"),
    "type": _strings("type"),
    "dataset_type": _strings("type"),
    "license_id": _strings("license_id"),
    "owner_org": _strings("owner_org"),
    "organization": _strings("organization", "name"),
    "metadata_modified": _strings("metadata_modified"),
    "metadata_created": _strings("metadata_created"),
    "tags": _each("tags", "name"),
    "res_format": _each("resources", "format"),
    "res_name": _each("resources", "name"),
    "capacity": lambda package: ["private" if package.get("private") else "public"],
}


def _moment(text: str, now: datetime) -> datetime:
    """An ISO 8601 moment (naive means UTC, as CKAN stores them), or ``NOW``; aware, in UTC."""
    if text.upper() == "NOW":
        return now
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise QueryError(f"{text!r} is not a date (use ISO 8601, e.g. 2026-01-31T00:00:00Z, or NOW)") from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class Clause:
    field: str
    negated: bool
    value: str | None = None  # a pattern, for field:value
    low: str | None = None  # for ranges; "*" is open
    high: str | None = None
    inclusive: bool = True

    def matches(self, package: dict[str, Any], now: datetime) -> bool:
        found = self._matches(package, now)
        return not found if self.negated else found

    def _matches(self, package: dict[str, Any], now: datetime) -> bool:
        if self.field == "*":
            return True
        values = FIELDS[self.field](package)
        if self.value is not None:
            return any(fnmatch.fnmatchcase(v, self.value) for v in values)
        return any(self._within(v, now) for v in values)

    def _within(self, value: str, now: datetime) -> bool:
        dates = self.field in DATE_FIELDS
        key: Any = _moment(value, now) if dates else value
        for bound, above in ((self.low, True), (self.high, False)):
            if bound is None or bound == "*":
                continue
            limit: Any = _moment(bound, now) if dates else bound
            if above and (key < limit or (key == limit and not self.inclusive)):
                return False
            if not above and (key > limit or (key == limit and not self.inclusive)):
                return False
        return True


_TOKEN = re.compile(r'[+-]?[\w.*]+:(?:"[^"]*"|[\[{][^\]}]*[\]}]|\S+)|\S+')
_QUOTE = re.compile(r'(?<!\\)"')  # a quote that is not escaped as \"
_RANGE = re.compile(r"^([\[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])$")


def parse_filters(fq: str) -> list[Clause]:
    """The clauses of an ``fq`` string; every one must hold.

    Syntax errors are refused as Solr refuses them (CKAN then answers a search error), never read as "match
    everything" or "match nothing": an unterminated quote, ``AND`` without a clause on both sides, ``NOT`` without a
    clause after it.
    """
    if len(_QUOTE.findall(fq)) % 2:
        raise QueryError(f"{fq!r}: a quoted value is not closed (missing '\"')")
    clauses: list[Clause] = []
    negate_next = False
    pending: str | None = None  # an operator still waiting for the clause it applies to
    for token in _TOKEN.findall(fq.strip()):
        if token == "AND":
            if not clauses or pending is not None:
                raise QueryError(f"{fq!r}: AND needs a clause on each side")
            pending = token
            continue
        if token == "NOT":
            if negate_next:
                raise QueryError(f"{fq!r}: NOT needs a clause after it")
            negate_next, pending = True, token
            continue
        pending = None
        if token in ("OR", "||") or token.startswith("(") or "^" in token:
            raise QueryError(f"{token!r}: only clauses that must all hold are supported (no OR, grouping or boosts)")
        negated = negate_next or token.startswith("-")
        negate_next = False
        body = token.lstrip("+-")
        field, sep, value = body.partition(":")
        if not sep or not value:
            raise QueryError(f"{token!r} is not field:value")
        if field == "*" and value == "*":
            clauses.append(Clause("*", negated))
            continue
        if field not in FIELDS:
            raise QueryError(
                f"{field!r} is not a field that can be filtered on; use one of {', '.join(sorted(FIELDS))}"
            )
        ranged = _RANGE.match(value)
        if ranged:
            opening, low, high, closing = ranged.groups()
            if (opening == "[") != (closing == "]"):
                raise QueryError(f"{token!r}: a range is [low TO high] (inclusive) or {{low TO high}} (exclusive)")
            if field in DATE_FIELDS:
                for bound in (low, high):
                    if bound != "*":
                        _moment(bound, datetime.now(UTC))  # a malformed date is refused now, not ignored later
            clauses.append(Clause(field, negated, low=low, high=high, inclusive=opening == "["))
        elif value[0] in "[{":
            raise QueryError(f"{token!r}: a range is [low TO high] with the word TO between the bounds")
        else:
            clauses.append(Clause(field, negated, value=value.strip('"')))
    if pending is not None:
        raise QueryError(f"{fq!r}: {pending} needs a clause after it")
    return clauses


def parse_sort(sort: str) -> list[tuple[str, bool]]:
    """``field [asc|desc], ...`` as (field, descending) pairs; ``score`` (relevance) has no meaning without a ranking
    search engine and sorts as ``metadata_modified``, Solr's tie-breaker in CKAN."""
    keys: list[tuple[str, bool]] = []
    for part in (p.strip() for p in sort.split(",")):
        if not part:
            continue
        words = part.split()
        field, direction = words[0], (words[1].lower() if len(words) > 1 else "asc")
        if len(words) > 2 or direction not in ("asc", "desc"):
            raise QueryError(f"{part!r} is not 'field asc' or 'field desc'")
        if field not in SORT_FIELDS:
            raise QueryError(f"cannot sort by {field!r}; use one of {', '.join(SORT_FIELDS)}")
        keys.append(("metadata_modified" if field == "score" else field, direction == "desc"))
    return keys


def search(
    packages: list[dict[str, Any]], fq: str = "", sort: str = "", now: datetime | None = None
) -> list[dict[str, Any]]:
    """The packages that hold every ``fq`` clause, in ``sort`` order (default: most recently modified first);
    packages without a value for a sort key come last, either way."""
    clauses = parse_filters(fq)
    keys = parse_sort(sort) or [("metadata_modified", True)]
    moment = now or datetime.now(UTC)
    found = [p for p in packages if all(c.matches(p, moment) for c in clauses)]
    for field, descending in reversed(keys):  # stable sorts, last key first
        present = [p for p in found if p.get(field) is not None]
        missing = [p for p in found if p.get(field) is None]
        if field in DATE_FIELDS:
            present.sort(key=lambda p, f=field: _moment(p[f], moment), reverse=descending)
        else:
            present.sort(key=lambda p, f=field: str(p[f]).lower(), reverse=descending)
        found = present + missing
    return found
