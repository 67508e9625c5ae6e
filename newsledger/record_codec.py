"""The record's codec: ``Analysis`` and ``Story`` to the JSON of the ``newsledger/1``
contract and back. Every reader and writer of records goes through here: the CLI's output,
the ledger's stored records and stories, the API, the Dask worker's shards. ``export/``
holds the other output formats only.

Reading follows the dataclasses' own type hints: nested records, tuples of records,
optional fields; fields the JSON lacks take their defaults, and fields it has that the record
does not know are ignored (a newer writer). A record that does not have the contract's shape
raises ``RecordFormatError``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, Union

from newsledger.errors import RecordFormatError
from newsledger.records import Analysis, Rejection, Story

__all__ = ["analysis_from_dict", "record_dict", "record_json", "rejection_json",
           "story_dict", "story_from_dict", "story_json"]

SCHEMA = "newsledger/1"
T = TypeVar("T")


def record_dict(analysis: Analysis) -> dict[str, Any]:
    """The record as plain JSON-ready data, in the contract's field order."""
    data = dataclasses.asdict(analysis)
    data["document"]["authors"] = list(analysis.document.authors)
    return {"schema": analysis.schema, **{k: v for k, v in data.items() if k != "schema"}}


def record_json(analysis: Analysis, indent: int | None = 2) -> str:
    """One record; ``indent=None`` gives one line (JSON Lines)."""
    return json.dumps(record_dict(analysis), ensure_ascii=False, indent=indent)


def rejection_json(rejection: Rejection) -> str:
    """A rejection as one JSON line, for machine-readable error streams."""
    return json.dumps(
        {"source": rejection.source, "rejected": rejection.reason, "detail": rejection.detail},
        ensure_ascii=False,
    )


def story_dict(story: Story) -> dict[str, Any]:
    """A story as plain JSON-ready data (its dataclass fields, nested)."""
    return dataclasses.asdict(story)


def story_json(story: Story) -> str:
    """A story as one line of JSON, as the ledger stores it."""
    return json.dumps(story_dict(story), ensure_ascii=False)


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """The ``Analysis`` of one record as ``record_dict`` wrote it."""
    schema = data.get("schema")
    if schema != SCHEMA:
        raise RecordFormatError(
            f"record schema {schema!r} is not {SCHEMA!r}: re-analyse the document with "
            "this version of newsledger")
    try:
        return _build(Analysis, data)
    except (TypeError, ValueError, KeyError) as exc:
        raise RecordFormatError(f"record does not match the {SCHEMA} contract: {exc}") from exc


def story_from_dict(data: dict[str, Any]) -> Story:
    """The ``Story`` of its JSON as ``story_dict`` wrote it (a stored story)."""
    try:
        return _build(Story, data)
    except (TypeError, ValueError, KeyError) as exc:
        raise RecordFormatError(f"stored story does not have the shape of a Story: {exc}; "
                                "refresh the stories (newsledger stories --refresh)") from exc


Convert = Callable[[Any], Any]


@cache
def _reader(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """The reader of ``cls`` from its dict: one converter per field, worked out once from
    the type hints (a ledger's stories read thousands of records per request)."""
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _converter(hints[f.name]))
              for f in dataclasses.fields(cls)]  # type: ignore[arg-type]

    def read(data: dict[str, Any]) -> T:
        return cls(**{name: convert(data[name]) for name, convert in fields if name in data})
    return read


def _build(cls: type[T], data: dict[str, Any]) -> T:
    return typing.cast(T, _reader(typing.cast(Any, cls))(data))


def _same(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Convert:
    """The function that gives a value as the type ``hint`` names: records, tuples of them,
    optionals, plain values (as they are); None stays None."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _converter(options[0]) if len(options) == 1 else _same
    if origin is tuple:
        args = typing.get_args(hint)
        item = _converter(args[0]) if args else _same
        if item is _same:
            return lambda v: None if v is None else tuple(v)
        return lambda v: None if v is None else tuple(item(x) for x in v)
    if dataclasses.is_dataclass(hint):
        record = typing.cast(type, hint)
        return lambda v: _reader(record)(v) if isinstance(v, dict) else v
    return _same
