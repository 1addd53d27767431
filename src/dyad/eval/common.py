"""What every suite shares: where the data is, loaded records, running the pipeline."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from .. import settings
from ..errors import EvalError
from ..model import Article

__all__ = ["data_dir", "Loaded", "Progress", "run_pipeline", "parse_date"]

T = TypeVar("T")
#: called with the number of records just finished (drives a progress bar)
Progress = Callable[[int], None]


def data_dir(override: str | Path | None = None) -> Path:
    """``--data`` > ``DYAD_EVAL_DATA`` > ``<checkout>/../shared/data``."""
    value = settings.get("eval_data", override)
    if value:
        return Path(value).expanduser()
    return (settings.checkout_root() / ".." / "shared" / "data").resolve()


@dataclass(slots=True)
class Loaded(Generic[T]):
    """Records read from a data set, and how many malformed ones were skipped (and why)."""

    records: list[T] = field(default_factory=list)
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


def parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def run_pipeline(articles: Sequence[Article], progress: Progress | None = None) -> dict[str, Any]:
    """Stream ``articles`` through :func:`dyad.pipeline.pipe`; results keyed by article id.

    ``pipe`` is looked up at call time so tests can replace it with a fake. Results
    are keyed by id rather than position so a pipeline that drops an unreadable
    article cannot shift every later result onto the wrong gold record.
    """
    from .. import pipeline

    out: dict[str, Any] = {}
    try:
        for result in pipeline.pipe(iter(articles)):
            out[result.article.id] = result
            if progress:
                progress(1)
    except NotImplementedError:
        raise EvalError("the extraction pipeline is not implemented yet (dyad.pipeline.pipe)",
                        code="E610") from None
    return out


def json_lines(lines: Iterable[str], out: Loaded[Any], limit: int | None = None) -> Iterator[Any]:
    """Parsed JSON lines; blank lines are passed over, malformed ones counted as skips in ``out``.
    Stops once ``out`` holds ``limit`` records."""
    for line in lines:
        if limit and len(out.records) >= limit:
            return
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            out.skip("invalid JSON")
