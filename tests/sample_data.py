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
        },
        {
            "id": "deepseek-v2-readme",
            "kind": "external",
            "title": "DeepSeek-V2: A Strong, Economical, and Efficient Mixture-of-Experts Language Model",
            "publisher": "DeepSeek",
            "published": "2024",
            "url": "https://github.com/deepseek-ai/DeepSeek-V2",
            "language": "en",
            "excerpt": "It comprises 236B total parameters, of which 21B are activated for each token.",
            "excerpt_translation": "它共有2360亿参数，每个语元激活其中210亿。",
        },
        {
            "id": "sina-qwen-long",
            "kind": "external",
            "title": "字節、阿里雲、百度大模型價格混戰:低價背後是數據競爭,爆款尚未出現",
            "publisher": "新浪香港（转载澎湃新闻）",
            "title_en": "ByteDance, Alibaba Cloud and Baidu in a price melee",
            "publisher_en": "Sina Hong Kong (carrying a report by The Paper)",
            "published": "2024-05-21",
            "url": "https://portal.sina.com.hk/news-china/sina/2024/05/21/849520/",
            "language": "zh-Hant",
            "excerpt": "API輸入價格從0.02元/千tokens降至0.0005元/千tokens",
            "excerpt_translation": "the API input price falls from 0.02 to 0.0005 yuan per thousand tokens",
        },
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
    "external_models": [
        {
            "id": "deepseek-v2",
            "name_zh": "DeepSeek-V2",
            "name_en": "DeepSeek-V2",
            "org_zh": "深度求索",
            "org_en": "DeepSeek",
            "country": "CN",
            "release_date": "2024-05-06",
            "params_billion": "236",
            "active_params_billion": "21",
            "params_status": "official",
            "params_bound": "exact",
            "open_weights": "yes",
            "ref": "deepseek-v2-readme",
        }
    ],
    "external_events": [
        {
            "id": "deepseek-v2-release",
            "date": "2024-05-06",
            "category": "model",
            "priority": "notable",
            "title_zh": "深度求索发布DeepSeek-V2",
            "title_en": "DeepSeek releases DeepSeek-V2",
            "description_zh": "深度求索发布混合专家模型DeepSeek-V2，权重开放。",
            "description_en": "DeepSeek releases DeepSeek-V2, a mixture-of-experts model, as open weights.",
            "models": "deepseek-v2",
            "ref": "deepseek-v2-readme",
        },
        {
            "id": "alibaba-price-cut",
            "date": "2024-05-21",
            "category": "pricing",
            "priority": "notable",
            "title_zh": "阿里云大幅下调通义千问价格",
            "title_en": "Alibaba Cloud cuts Qwen prices",
            "description_zh": "阿里云宣布降价。",
            "description_en": "Alibaba Cloud cuts its prices.",
            "ref": "sina-qwen-long",
        },
    ],
    "external_prices": [
        {
            "id": "qwen-long-api",
            "model_zh": "Qwen-Long",
            "model_en": "Qwen-Long",
            "company_zh": "阿里云",
            "company_en": "Alibaba Cloud",
            "date": "2024-05-21",
            "input_before": "20",
            "input_after": "0.5",
            "as_published": "0.02元/千tokens → 0.0005元/千tokens",
            "event": "alibaba-price-cut",
            "ref": "sina-qwen-long",
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
