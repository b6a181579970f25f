"""The types a front-matter field may have: each converts what YAML gave, with a
message an editor can act on, and describes itself as JSON Schema.

``convert`` and ``json_schema`` accept the same values: what an editor's tool
accepts while typing, ``sitegen check`` accepts too (a JSON Schema cannot tell a
real date from 30 February, and cannot see other files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import Any

from sitegen.addresses import EMAIL, PHONE, WEB_ADDRESS, parse_email, parse_phone, parse_web_address
from sitegen.colours import HEX_COLOUR, parse_colour
from sitegen.errors import did_you_mean
from sitegen.schema import (
    FAILED,
    PLACEHOLDER,
    Context,
    FieldType,
    clip,
    json_schema,
    validate_record,
)
from sitegen.values import DUE_WORDS, Invalid, parse_date, parse_due, parse_time, show_value

DATE_PATTERN = r"\d{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])"
MONTH_PATTERN = r"\d{4}-(0?[1-9]|1[0-2])"
TIME_PATTERN = r"([01]?\d|2[0-3])[:.][0-5]\d"
SLUG_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
ACTIONS = ("actions",)
"""What an action reference (``meeting#id``) names, in :data:`FoundRef`."""


@dataclass(frozen=True)
class Text(FieldType):
    """One line or a paragraph of text; numbers are taken as text."""

    paragraph: bool = False
    """Usually a few sentences: the content editor gives it a text area, not a line."""

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        if isinstance(value, bool):
            raise Invalid(f"must be text, not {show_value(value)}; put it in quotes")
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str):
            raise Invalid(f"must be text, not {show_value(value)}")
        text = value.strip()
        if not text:
            raise Invalid("is empty")
        if text.startswith(PLACEHOLDER):
            raise Invalid(f"still holds the placeholder '{clip(text)}'; write the real text")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": ["string", "number"],
            "pattern": r"\S",
            "not": {"type": "string", "pattern": rf"^\s*{PLACEHOLDER}"},
        }


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int = 0

    def convert(self, value: Any, ctx: Context, path: str) -> int:
        number = _whole_number(value)
        if number is None:
            quoted = isinstance(value, str) and value.strip().isdigit()
            hint = "; write it without quotes" if quoted else ""
            raise Invalid(f"must be a whole number, not {show_value(value)}{hint}")
        if number < self.minimum:
            raise Invalid(f"must be {self.minimum} or more, not {number}")
        return number

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True)
class Amount(FieldType):
    """A sum of money: a number greater than zero."""

    def convert(self, value: Any, ctx: Context, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            digits = re.sub(r"[^\d.]", "", value) if isinstance(value, str) else ""
            hint = f"; write just the number, e.g. {digits}" if digits else ""
            raise Invalid(f"must be a number, not {show_value(value)}{hint}")
        if value <= 0:
            raise Invalid(f"must be more than 0, not {value:g}: involvement is always paid")
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number", "exclusiveMinimum": 0}


_TRUE = {"true", "yes", "y", "on"}
_FALSE = {"false", "no", "n", "off"}


@dataclass(frozen=True)
class Boolean(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> bool:
        if isinstance(value, bool):
            return value
        hint = ""
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            hint = f"; did you mean '{str(value.strip().lower() in _TRUE).lower()}'?"
        raise Invalid(f"must be true or false, not {show_value(value)}{hint}")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Date(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> date:
        return parse_date(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^{DATE_PATTERN}$"}


@dataclass(frozen=True)
class Time(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> time:
        return parse_time(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^{TIME_PATTERN}$"}


@dataclass(frozen=True)
class DueDate(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> Any:
        return parse_due(value)

    def json_schema(self) -> dict[str, Any]:
        words = "|".join(kind.value for kind in DUE_WORDS)
        return {
            "type": "string",
            "pattern": rf"^({DATE_PATTERN}|{MONTH_PATTERN}|{words})$",
        }


def _no_placeholder(value: Any, what: str) -> Any:
    if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
        raise Invalid(f"still holds the placeholder '{clip(value.strip())}'; write the real {what}")
    return value


@dataclass(frozen=True)
class Address(FieldType):
    """A way to reach the organisation, for a link a template writes: checked by
    ``parse`` (see :mod:`sitegen.addresses`), described by ``pattern``."""

    parse: Callable[[object], str]
    pattern: str
    what: str = "address"

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        return self.parse(_no_placeholder(value, self.what))

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^\s*(?:{self.pattern})\s*$"}


def WebAddress() -> Address:  # a full https:// address
    return Address(parse_web_address, WEB_ADDRESS)


def EmailAddress() -> Address:
    return Address(parse_email, EMAIL)


def PhoneNumber() -> Address:
    return Address(parse_phone, PHONE, "number")


@dataclass(frozen=True)
class Colour(FieldType):
    """A hex colour, ``#1d4f91``, and what it must meet where it is used (its contrast)."""

    rules: Callable[[str], list[str]] | None = None
    """What is wrong with a colour where the site uses it, if anything."""

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        colour = parse_colour(value)
        problems = self.rules(colour) if self.rules else []
        if problems:
            raise Invalid("; ".join(problems))
        return colour

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^\s*(?:{HEX_COLOUR})\s*$"}


_SITE_FILE = r"files/(?!.*\.\.)(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*"


@dataclass(frozen=True)
class SiteFile(FieldType):
    """A file under ``content/files/``, named as the site publishes it (``files/logo.svg``),
    of one of the kinds given. Whether it exists is checked when the files are read."""

    kinds: tuple[str, ...]
    """The file name endings allowed, lower-case, e.g. ``(".svg", ".png")``."""

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"must be a file name, not {show_value(value)}")
        text = value.strip()
        if not text.startswith("files/"):
            name = text.lstrip("/").removeprefix("content/").removeprefix("files/")
            raise Invalid(f"'{text}' must name a file in content/files/: write files/{name}")
        if not re.fullmatch(_SITE_FILE, text):
            raise Invalid(
                f"'{text}' is not a usable file name: use letters, digits, '.', '-' and '_', "
                "e.g. files/logo.svg"
            )
        if not text.lower().endswith(self.kinds):
            raise Invalid(f"'{text}' must be one of these kinds of file: {', '.join(self.kinds)}")
        return text

    def json_schema(self) -> dict[str, Any]:
        # Any case of each ending (.SVG too), spelt out: JSON Schema has no (?i).
        endings = "|".join(
            "".join(f"[{ch}{ch.upper()}]" if ch.isalpha() else re.escape(ch) for ch in kind)
            for kind in self.kinds
        )
        return {
            "type": "string",
            "pattern": rf"^\s*{_SITE_FILE}(?:{endings})\s*$",
            "description": f"a file in content/files/, e.g. files/logo{self.kinds[0]}",
        }


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a fixed set of words, written exactly: ``In progress`` gets a did-you-mean."""

    enum: type[StrEnum]

    def convert(self, value: Any, ctx: Context, path: str) -> StrEnum:
        choices = [member.value for member in self.enum]
        if isinstance(value, str) and value in choices:
            return self.enum(value)
        shown = show_value(value)
        hint = did_you_mean_word(value, choices) if isinstance(value, str) else ""
        raise Invalid(f"{shown} is not allowed; use one of: {', '.join(choices)}{hint}")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": [member.value for member in self.enum]}


@dataclass(frozen=True)
class Ref(FieldType):
    """The slug of another file; whether it exists is checked once all are read."""

    collections: tuple[str, ...]

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"must be the name of a file in {self.where()}, not {show_value(value)}")
        if value.startswith(PLACEHOLDER):
            raise Invalid(
                f"still holds the placeholder '{value}'; write the name of a file in {self.where()}"
            )
        slug = value.strip()
        if slug.lower().endswith(".md"):
            raise Invalid(f"write the file name without .md: '{slug[:-3]}'")
        ctx.refs.append((path, ctx.line_of(path), slug, self.collections))
        return slug

    def where(self) -> str:
        return " or ".join(f"{name}/" for name in self.collections)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": rf"^{SLUG_PATTERN}$",
            "description": f"the file name, without .md, of a file in {self.where()}",
        }


_ACTION_REF = re.compile(rf"{SLUG_PATTERN}#[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class ActionRef(FieldType):
    """``<meeting slug>#<action id>``."""

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        if not isinstance(value, str) or not _ACTION_REF.fullmatch(value.strip()):
            raise Invalid(
                f"{show_value(value)} is not an action reference; write <meeting>#<id>, "
                "e.g. 2021-11-08-allies-group#a1"
            )
        ref = value.strip()
        ctx.refs.append((path, ctx.line_of(path), ref, ACTIONS))
        return ref

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^{_ACTION_REF.pattern}$"}


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    non_empty: bool = False

    def convert(self, value: Any, ctx: Context, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise Invalid(
                f"must be a list, not {show_value(value)}: put each item on its own line "
                "starting with '- '"
            )
        if self.non_empty and not value:
            raise Invalid("must list at least one item")
        items: list[Any] = []
        for index, raw in enumerate(value, start=1):
            item_path = f"{path}[{index}]"
            if raw is None:
                ctx.problem(item_path, "is empty")
                continue
            converted = ctx.convert(self.item, raw, item_path)
            if converted is not FAILED:
                items.append(converted)
        return tuple(items)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.non_empty:
            schema["minItems"] = 1
        return schema


@dataclass(frozen=True)
class Record(FieldType):
    """A nested group of fields, described by another dataclass."""

    cls: type[Any]

    def convert(self, value: Any, ctx: Context, path: str) -> Any:
        if not isinstance(value, dict):
            raise Invalid(f"must be a group of 'field: value' lines, not {show_value(value)}")
        record = validate_record(self.cls, value, ctx, path)
        return FAILED if record is None else record

    def json_schema(self) -> dict[str, Any]:
        return json_schema(self.cls)


def did_you_mean_word(value: str, choices: Iterable[str]) -> str:
    """A hint for a word written in another case or with spaces for hyphens."""
    known = list(choices)
    key = re.sub(r"[\s_]+", "-", value.strip().lower())
    for choice in known:
        if choice.replace(" ", "-") == key:
            return f"; did you mean '{choice}'?"
    return did_you_mean(value.lower(), known)
