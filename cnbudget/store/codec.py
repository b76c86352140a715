"""Model dataclasses to JSON-ready data and back, exactly (Decimals as tagged strings)."""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any

_DECIMAL = "$decimal"


def encode(value: Any) -> Any:
    """Plain JSON data: dataclasses as dicts, Decimals as {"$decimal": str(value)}."""
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode_key(key: str, kind: Any) -> Any:
    """JSON object keys are strings: restore int keys."""
    return int(key) if kind is int else key


def decode(data: Any, kind: Any) -> Any:
    """Rebuild a value of the annotated type `kind` from `encode`'s output."""
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return decode(data, options[0]) if len(options) == 1 else data
    if origin is list:
        (item,) = typing.get_args(kind)
        return [decode(element, item) for element in data]
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(element, args[0]) for element in data)
        return tuple(decode(element, arg) for element, arg in zip(data, args, strict=True))
    if origin is dict:
        key_type, item = typing.get_args(kind)
        return {decode_key(key, key_type): decode(element, item) for key, element in data.items()}
    if kind is Decimal:
        return Decimal(data[_DECIMAL])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: decode(value, hints[name]) for name, value in data.items()})
    return data
