"""The record reader: the JSON of the ``newsledger/1`` contract → ``Analysis``, the inverse of
``record_json`` (so that a stored ledger can feed the stages that work on records, such as
stories).

The conversion follows the dataclasses' own type hints: nested records, tuples of records,
optional fields; fields the JSON lacks take their defaults, and fields it has that the record
does not know are ignored (a newer writer).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union

from newsledger.errors import NewsledgerError
from newsledger.records import Analysis

T = TypeVar("T")


class RecordFormatError(NewsledgerError):
    """A stored or given record does not have the shape of the ``newsledger/1`` contract."""


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """The ``Analysis`` of one record as ``Analysis.to_dict`` wrote it."""
    schema = data.get("schema")
    if schema != "newsledger/1":
        raise RecordFormatError(
            f"record schema {schema!r} is not 'newsledger/1': re-analyse the document with "
            "this version of newsledger")
    try:
        return _build(Analysis, data)
    except (TypeError, ValueError, KeyError) as exc:
        raise RecordFormatError(f"record does not match the newsledger/1 contract: {exc}") from exc


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type[T], data: dict[str, Any]) -> T:
    hints = _hints(typing.cast(Any, cls))
    values = {
        f.name: _convert(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**values)


def _convert(hint: Any, value: Any) -> Any:
    """``value`` as the type ``hint`` names: records, tuples of them, optionals, plain values."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(hint)
        item = args[0] if args else Any
        return tuple(_convert(item, v) for v in value)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return _build(typing.cast(type, hint), value)
    return value
