"""The feed list file: which feeds to poll, as whom, and how often.

```yaml
feeds:
  - url: https://news.example.org/rss.xml
    outlet: Example News     # display name; defaults to the feed's own title
    interval: 300            # seconds between polls; optional
```
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wirewatch import yamlfile


class Feed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str
    outlet: str | None = Field(default=None, description="display name; the feed's own title when unset")
    interval: float | None = Field(default=None, ge=1, le=86400, description="seconds between polls")
    lang: str | None = Field(default=None, description="language of the feed's items when known (ar, en ...)")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value.strip()


class FeedList(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    feeds: tuple[Feed, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> FeedList:
        seen: set[str] = set()
        for feed in self.feeds:
            if feed.url in seen:
                raise ValueError(f"feed {feed.url} is listed twice")
            seen.add(feed.url)
        return self


def load_feed_list(path: str | Path) -> FeedList:
    return yamlfile.load(path, FeedList)
