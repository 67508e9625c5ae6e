"""Request and response models, for validation and the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsledger.errors import InvalidFilter
from newsledger.store.filter_values import checked_time

EARLIEST_PUBLISHED = datetime(1800, 1, 1, tzinfo=UTC)
PUBLISHED_AHEAD = timedelta(days=2)  # clocks and time zones: no page is dated later than this


class ItemsPage(BaseModel):
    """One page of a list: its items and the cursor of the next page (null at the end)."""

    items: list[dict[str, Any]] = Field(description="The rows of this page.")
    next: str | None = Field(description="Pass as ?cursor= for the next page; null when "
                             "this is the last.")

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"items": [{"document": "3f1c…", "event": "v1", "type": "ARMED_CLASH",
                    "plover": "ASSAULT", "place": "Panjshir", "lat": 35.43, "lon": 69.69}],
         "next": "eyJhZnRlciI6MX0"}]})


class PageIn(BaseModel):
    """A page to analyse: its ``text`` or its ``html`` (exactly one), and what is known of
    it. ``published`` is an ISO date-time; ``url``, ``title`` and ``outlet`` are fallbacks
    when the page itself does not say."""

    text: str | None = Field(None, description="The article as plain text.")
    html: str | None = Field(None, description="The page as HTML.")
    url: str | None = Field(None, max_length=4000)
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, examples=["2021-09-03T13:43:00"])
    outlet: str | None = Field(None, max_length=300)

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "KABUL: Fahim Dashti said the Taliban lost 40 fighters in Panjshir.",
         "title": "Fighting in Panjshir", "published": "2021-09-03T13:43:00",
         "outlet": "Democrats Voice", "url": "https://example.org/panjshir"}]})

    @field_validator("text", "html", "url", "title", "outlet")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        """A JSON string with a lone surrogate ("\\ud800") is no text: refused here, not
        by the first encoder that meets it (a 500)."""
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"holds a lone surrogate at character {exc.start} "
                                 f"({value[exc.start]!a}): send valid Unicode") from None
        return value

    @field_validator("published")
    @classmethod
    def _published(cls, value: str | None) -> str | None:
        """An ISO date or date-time between 1800 and two days from now."""
        if value is None:
            return None
        try:
            stamp = checked_time(value, "published")
        except InvalidFilter as exc:
            raise ValueError(str(exc)) from None
        assert stamp is not None
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        if not EARLIEST_PUBLISHED <= when <= datetime.now(UTC) + PUBLISHED_AHEAD:
            raise ValueError(f"published {value!r} is out of range: give a date between "
                             "1800-01-01 and today")
        return stamp

    @model_validator(mode="after")
    def _one_body(self) -> PageIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class Stored(BaseModel):
    """What ``POST /api/documents`` did: ``added`` a new article or ``replaced`` the
    stored copy of the same article (same body and URL)."""

    status: str
    document: str
    record: dict[str, Any]
