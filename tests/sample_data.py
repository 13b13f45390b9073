"""A tiny, valid dataset written from Python, so tests can break one cell at a time.

Quotes here are real fragments of the articles, so the same sample passes the quote check.
"""

from __future__ import annotations

import csv
import shutil
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
SCHEMA = PROJECT / "data" / "schema.yaml"

SAMPLE: dict[str, list[dict[str, Any]]] = {
    "sources": [
        {
            "id": "shendu",
            "file": "001_e7e46b5df8c6d9eb.txt",
            "title_zh": "AI原生时代，大模型创业有“捷径”",
            "title_en": "In the AI-native era, LLM start-ups have a shortcut",
            "title_is_given": "yes",
            "outlet_zh": "深渡Cross",
            "outlet_en": "Shendu Cross",
            "date": "2023-11-16",
            "date_evidence_zh": "页首标注 2023年11月16日",
            "date_evidence_en": "The page header gives 16 November 2023",
            "language": "zh",
            "script": "Hans",
        }
    ],
    "references": [
        {
            "id": "gpt3-paper",
            "kind": "external",
            "title": "Language Models are Few-Shot Learners",
            "publisher": "OpenAI",
            "published": "2020",
            "url": "https://arxiv.org/abs/2005.14165",
            "language": "en",
        }
    ],
    "models": [
        {
            "id": "gpt-2",
            "name_zh": "GPT-2",
            "name_en": "GPT-2",
            "org_zh": "OpenAI",
            "org_en": "OpenAI",
            "country": "US",
            "release_date": "2019",
            "params_billion": "1.5",
            "params_status": "official",
            "params_bound": "exact",
            "open_weights": "yes",
            "source": "shendu",
            "quote": "早在2019年OpenAI开源的GPT-2就使用了15亿个参数",
            "quote_en": "As early as 2019, GPT-2, open-sourced by OpenAI, used 1.5 billion parameters",
        },
        {
            "id": "gpt-3",
            "name_zh": "GPT-3",
            "name_en": "GPT-3",
            "org_zh": "OpenAI",
            "org_en": "OpenAI",
            "country": "US",
            "release_date": "2020-05",
            "params_billion": "175",
            "params_status": "official",
            "params_bound": "exact",
            "open_weights": "no",
            "source": "shendu",
            "quote": "GPT-4的单次训练成本也从GPT-3的460万美元大幅增加到6300万美元",
            "quote_en": "GPT-4's single training cost rose from GPT-3's $4.6 million to $63 million",
            "ref": "gpt3-paper",
            "ref_fields": "release_date;params_billion",
        },
    ],
    "events": [
        {
            "id": "gpt-2-release",
            "date": "2019",
            "category": "model",
            "priority": "key",
            "title_zh": "GPT-2 发布",
            "title_en": "GPT-2 released",
            "label_zh": "GPT-2",
            "label_en": "GPT-2",
            "description_zh": "OpenAI 开源 15 亿参数的 GPT-2。",
            "description_en": "OpenAI open-sources the 1.5-billion-parameter GPT-2.",
            "models": "gpt-2",
            "source": "shendu",
            "quote": "早在2019年OpenAI开源的GPT-2就使用了15亿个参数",
            "quote_en": "As early as 2019, GPT-2, open-sourced by OpenAI, used 1.5 billion parameters",
        }
    ],
    "figures": [
        {
            "id": "gpt3-training-cost",
            "group": "training-cost",
            "subject_zh": "GPT-3",
            "subject_en": "GPT-3",
            "measure_zh": "单次训练成本",
            "measure_en": "Cost of one training run",
            "value": "4600000",
            "unit": "usd",
            "bound": "exact",
            "status": "reported",
            "source": "shendu",
            "quote": "GPT-4的单次训练成本也从GPT-3的460万美元大幅增加到6300万美元",
            "quote_en": "GPT-4's single training cost rose from GPT-3's $4.6 million to $63 million",
        }
    ],
}


def sample_rows() -> dict[str, list[dict[str, Any]]]:
    """A fresh copy of the sample, for a test to edit."""
    return deepcopy(SAMPLE)


def write_dataset(folder: Path, rows: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """Write schema.yaml and one CSV per table into folder, with every schema column as header."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SCHEMA, folder / "schema.yaml")
    tables = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))["tables"]
    for name, spec in tables.items():
        columns = list(spec["columns"])
        with (folder / spec["file"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for row in (rows or SAMPLE).get(name, []):
                writer.writerow({column: row.get(column, "") for column in columns})
    return folder
