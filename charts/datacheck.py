"""Every file of data/ read and checked in one pass, so an editor sees the problems of all of them
at once: the tables (against schema.yaml), the glossary and the claims."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from charts import claims
from charts.dataset import load_dataset
from charts.glossary import load_glossary
from charts.records import DataError

LOADERS: tuple[Callable[[Path], Any], ...] = (
    load_dataset,
    lambda data_dir: load_glossary(data_dir / "glossary.yaml"),
    claims.load,
)


def check_data(data_dir: Path) -> None:
    """Raise one DataError with the problems of every file, or return when there are none."""
    errors = []
    for load in LOADERS:
        try:
            load(data_dir)
        except DataError as exc:
            errors.append(exc)
    if errors:
        raise DataError.joined(errors)
