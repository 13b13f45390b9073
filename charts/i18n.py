"""Every word the charts show, in Chinese and English: one flat key → {zh, en} table.

Chart modules never contain a user-visible string; they call ``t(key, lang, **values)``. A key
missing in either language is an error at once (``t`` raises) and in the test suite
(``missing_keys()`` lists them), so an English chart can never fall back to Chinese silently.
Values are ``str.format`` templates:
``t("cite.with_date", "en", name="Shendu Cross", date="16 November 2023")``.
An empty string is allowed only when it is empty in both languages (e.g. no mark for official values).
"""

from __future__ import annotations

from typing import Any

LANGS = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    # --- separators and source lines -------------------------------------------------------------
    "sep.list": {"zh": "；", "en": "; "},
    "sep.items": {"zh": "、", "en": ", "},
    "sep.years": {"zh": "、", "en": ", "},
    "sep.fields": {"zh": "、", "en": ", "},
    "sep.sentence": {"zh": "", "en": " "},
    "caption.source": {"zh": "来源：{items}。", "en": "Source: {items}."},
    "caption.sources": {"zh": "来源：{items}。", "en": "Sources: {items}."},
    # --- citing a source article (charts/citation.py) ---------------------------------------------
    "cite.title": {"zh": "《{title}》", "en": "“{title}”"},
    "cite.untitled": {"zh": "无标题文章（本站称{label}）", "en": "untitled article (we call it the {label})"},
    "cite.with_date": {"zh": "{name}，{date}", "en": "{name}, {date}"},
    "cite.full": {"zh": "{outlet}{title}，{date}", "en": "{outlet}, {title}, {date}"},
    "cite.full_no_outlet": {"zh": "{title}，{date}", "en": "{title}, {date}"},
    "caption.reference": {"zh": "{publisher}（{years}）", "en": "{publisher} ({years})"},
    "caption.references": {"zh": "外部参考：{items}。", "en": "External references: {items}."},
    # --- hover lines -------------------------------------------------------------------------------
    "hover.quote": {"zh": "原文：「{quote}」", "en": "“{quote}”"},
    "hover.original": {"zh": "原文：「{quote}」", "en": "Original: 「{quote}」"},
    "quote.converted": {"zh": "（据繁体原文转换）", "en": " (converted from the Traditional original)"},
    "hover.source": {"zh": "来源：{source}", "en": "Source: {source}"},
    "hover.reference": {
        "zh": "{fields}来自外部参考：{ref}",
        "en": "{fields} from an external reference: {ref}",
    },
    "reference.chinese_page": {
        "zh": "{host}上的中文网页（{year}）",
        "en": "a Chinese-language page on {host} ({year})",
    },
    "reference.translated": {
        "zh": "{title}（{publisher}，{year}）",
        "en": "“{title}” ({publisher}, {year}; in Chinese)",
    },
    "reference.unnamed": {"zh": "未注明", "en": "not stated"},
    "hover.note": {"zh": "注：{note}", "en": "Note: {note}"},
    "hover.params": {"zh": "参数量：{value}（{status}）", "en": "Parameters: {value} ({status})"},
    "hover.released": {"zh": "发布：{date}", "en": "Released: {date}"},
    "hover.no_date": {"zh": "日期不详", "en": "date unknown"},
    "hover.open_weights": {"zh": "开放权重：{value}", "en": "Open weights: {value}"},
    "hover.as_of": {"zh": "时点：{date}", "en": "As of: {date}"},
    "hover.value": {"zh": "数值：{value}（{status}）", "en": "Value: {value} ({status})"},
    "precision.month": {"zh": "（只知月份）", "en": " (month only)"},
    "precision.year": {"zh": "（只知年份）", "en": " (year only)"},
    # --- dataset fields named in hovers (models.ref_fields, events.ref_fields) -------------------
    "field.release_date": {"zh": "发布日期", "en": "Release date"},
    "field.params_billion": {"zh": "参数量", "en": "Parameter count"},
    "field.open_weights": {"zh": "是否开放权重", "en": "Open weights"},
    "field.context_tokens": {"zh": "上下文窗口", "en": "Context window"},
    "field.training_tokens_billion": {"zh": "训练语元", "en": "Training tokens"},
    "field.org": {"zh": "机构", "en": "Organisation"},
    "field.date": {"zh": "日期", "en": "Date"},
    # --- categories, countries, statuses, bounds, units -------------------------------------------
    "category.model": {"zh": "模型发布", "en": "Model"},
    "category.open-source": {"zh": "开源", "en": "Open-sourcing"},
    "category.product": {"zh": "产品", "en": "Product"},
    "category.conference": {"zh": "会议与演讲", "en": "Talk or meeting"},
    "category.research": {"zh": "研究", "en": "Research"},
    "category.milestone": {"zh": "里程碑", "en": "Milestone"},
    "country.CN": {"zh": "中国", "en": "China"},
    "country.US": {"zh": "美国", "en": "US"},
    "country.GB": {"zh": "英国", "en": "UK"},
    "country.AE": {"zh": "阿联酋", "en": "UAE"},
    "status.official": {"zh": "官方公布", "en": "Official"},
    "status.reported": {"zh": "第三方报道", "en": "Reported"},
    "status.estimated": {"zh": "估算", "en": "Estimated"},
    "status.projected": {"zh": "预测", "en": "Projected"},
    "status.disputed": {"zh": "存疑", "en": "Disputed"},
    "status.unknown": {"zh": "未知", "en": "Unknown"},
    "mark.official": {"zh": "", "en": ""},
    "mark.reported": {"zh": "", "en": ""},
    "mark.estimated": {"zh": "（估）", "en": " (est.)"},
    "mark.disputed": {"zh": "？", "en": "?"},
    "figure_mark.estimated": {"zh": "（估算）", "en": " (estimated)"},
    "figure_mark.projected": {"zh": "（预期）", "en": " (expected)"},
    "figure_mark.disputed": {"zh": "（存疑）", "en": " (disputed)"},
    "weights.yes": {"zh": "开放权重", "en": "Open weights"},
    "weights.no": {"zh": "未开放权重", "en": "Closed weights"},
    "weights.unknown": {"zh": "是否开放不详", "en": "Weights: not known"},
    "bound.exact": {"zh": "确数", "en": "Exact"},
    "bound.at-least": {"zh": "下限（“超过”）", "en": "At least (“more than”)"},
    "bound.about": {"zh": "约数", "en": "About"},
    "bound.at-most": {"zh": "上限", "en": "At most"},
    "unit.usd": {"zh": "美元", "en": "US dollars"},
    "unit.count": {"zh": "个数", "en": "count"},
    "unit.year": {"zh": "年份", "en": "year"},
    "unit.percent": {"zh": "百分比", "en": "percent"},
    "unit.multiple": {"zh": "倍数", "en": "multiple"},
    "unit.params": {"zh": "参数", "en": "parameters"},
    "unit.tokens": {"zh": "语元", "en": "tokens"},
    "unit.score": {"zh": "分", "en": "points"},
    # --- legends and axes --------------------------------------------------------------------------
    "legend.country": {"zh": "国家/地区", "en": "Country"},
    "legend.weights": {"zh": "权重", "en": "Weights"},
    "legend.status": {"zh": "参数量来源", "en": "Parameter count"},
    "legend.figure_status": {"zh": "数字来源", "en": "Figure"},
    "legend.bound": {"zh": "精度", "en": "Bound"},
    "axis.params_log": {"zh": "参数量（对数坐标）", "en": "Parameters (log scale)"},
    "axis.usd": {"zh": "美元", "en": "US dollars"},
    "axis.models": {"zh": "大模型数量（个）", "en": "Large models"},
    "label.with_year": {"zh": "{text}（{year}）", "en": "{text} ({year})"},
    "label.year_range": {"zh": "{first}—{last}年", "en": "{first}–{last}"},
    # --- table headers -----------------------------------------------------------------------------
    "table.date": {"zh": "日期", "en": "Date"},
    "table.category": {"zh": "类别", "en": "Category"},
    "table.event": {"zh": "事件", "en": "Event"},
    "table.description": {"zh": "说明", "en": "Description"},
    "table.source": {"zh": "来源", "en": "Source"},
    "table.quote": {"zh": "原文引语", "en": "Quote (original Chinese)"},
    "table.quote_en": {"zh": "引语英译", "en": "Quote in English"},
    "table.model": {"zh": "模型", "en": "Model"},
    "table.org": {"zh": "机构", "en": "Organisation"},
    "table.country": {"zh": "国家/地区", "en": "Country"},
    "table.params_billion": {"zh": "参数量（十亿）", "en": "Parameters (billions)"},
    "table.params": {"zh": "参数量", "en": "Parameters"},
    "table.params_status": {"zh": "参数量来源", "en": "Parameter status"},
    "table.open_weights": {"zh": "开放权重", "en": "Open weights"},
    "table.released": {"zh": "发布日期", "en": "Released"},
    "table.subject": {"zh": "对象", "en": "Subject"},
    "table.measure": {"zh": "指标", "en": "Measure"},
    "table.value": {"zh": "数值", "en": "Value"},
    "table.unit": {"zh": "单位", "en": "Unit"},
    "table.shown": {"zh": "图中写法", "en": "As shown"},
    "table.status": {"zh": "状态", "en": "Status"},
    "table.as_of": {"zh": "时点", "en": "As of"},
    # --- timeline ----------------------------------------------------------------------------------
    "timeline.title": {
        "zh": "大模型大事记（{first}—{last}年）",
        "en": "The road to the Hundred-Model War, {first}–{last}",
    },
    "timeline.subtitle": {
        "zh": "每类事件一条泳道；只知年份或月份的日期画在期间中点，横线标出整个期间",
        "en": "One lane per kind of event; a date known only to the year or month sits mid-period, "
        "with a line across the whole period",
    },
    "timeline.clipped_before.one": {
        "zh": "另有{count}个早于{year}年的事件未画出：{items}。",
        "en": "{count} event before {year} is not shown: {items}.",
    },
    "timeline.clipped_before.other": {
        "zh": "另有{count}个早于{year}年的事件未画出：{items}。",
        "en": "{count} events before {year} are not shown: {items}.",
    },
    "timeline.clipped_after.one": {
        "zh": "另有{count}个晚于{year}年的事件未画出：{items}。",
        "en": "{count} event after {year} is not shown: {items}.",
    },
    "timeline.clipped_after.other": {
        "zh": "另有{count}个晚于{year}年的事件未画出：{items}。",
        "en": "{count} events after {year} are not shown: {items}.",
    },
    "timeline.clipped_item": {"zh": "{title}（{date}）", "en": "{title} ({date})"},
    # --- parameter charts --------------------------------------------------------------------------
    "param_scale.title": {
        "zh": "大模型有多大：参数量对比",
        "en": "How big are the models? Parameter counts compared",
    },
    "param_scale.subtitle": {
        "zh": "对数坐标。颜色：国家/地区；实心：开放权重；形状：参数量的来源；虚线：文中提到的“涌现”门槛",
        "en": "Log scale. Colour: country; filled: open weights; shape: where the count comes from; "
        "dashed lines: the ‘emergence’ thresholds the articles cite",
    },
    "param_scale.threshold": {"zh": "≥{value}：{subject}", "en": "≥{value}: {subject}"},
    "param_scale.threshold_short": {"zh": "≥{value}", "en": "≥{value}"},
    "param_scale.threshold_row": {"zh": "涌现门槛：{subject}", "en": "Emergence threshold: {subject}"},
    "params_over_time.title": {"zh": "参数量随时间增长", "en": "Parameter counts over time"},
    "params_over_time.subtitle": {
        "zh": "按发布日期排列，对数坐标。颜色：国家/地区；实心：开放权重；形状：参数量的来源",
        "en": (
            "By release date, log scale. Colour: country; filled: open weights; "
            "shape: where the count comes from"
        ),
    },
    "params_over_time.undated.one": {
        "zh": "另有{count}个有参数量但没有发布日期的模型未画出：{items}。",
        "en": "{count} model with a parameter count but no release date is not shown: {items}.",
    },
    "params_over_time.undated.other": {
        "zh": "另有{count}个有参数量但没有发布日期的模型未画出：{items}。",
        "en": "{count} models with a parameter count but no release date are not shown: {items}.",
    },
    # --- figure charts -----------------------------------------------------------------------------
    "training_cost.title": {"zh": "训练一次要花多少钱", "en": "What one training run costs"},
    "training_cost.subtitle": {
        "zh": "{measure}：{b}约为{a}的{ratio}倍；斜线填充表示估算值",
        "en": "{measure}: {b} about {ratio}× {a}; hatched bars are estimates",
    },
    "training_cost.subtitle_plain": {"zh": "斜线填充表示估算值", "en": "Hatched bars are estimates"},
    "model_count.title": {
        "zh": "{year}中国有多少个大模型？",
        "en": "How many large models did China have in {year}?",
    },
    "model_count.subtitle": {
        "zh": "各个数字口径不同，所以不连线；▲和箭头表示“超过”（只是下限）；空心表示估算",
        "en": "Each count uses its own definition, so the points are not joined; ▲ and the arrow mean "
        "‘more than’ (a lower bound); hollow: an estimate",
    },
    "exhaustion.title": {"zh": "训练数据何时耗尽？", "en": "When will training data run out?"},
    "exhaustion.subtitle": {
        "zh": "一项研究的预测，不是实测；虚线从文章发表之年画到预测的耗尽年份",
        "en": "Projections from a study, not measurements; dotted lines run from the article's year "
        "to the projected year",
    },
    "exhaustion.published": {"zh": "文章发表：{date}", "en": "Article published: {date}"},
    "finance.title": {"zh": "{subject}的收入与亏损", "en": "{subject}: revenue and losses"},
    "finance.subtitle": {
        "zh": "点状填充的柱子是预期，不是实际数字；“超过”“约”照录原文",
        "en": "Dotted bars are expectations, not results; ‘over’ and ‘about’ follow the sources",
    },
    "finance.year_reported": {"zh": "{year}（报道）", "en": "{year} (reported)"},
    "finance.year_expected": {"zh": "{year}（预期）", "en": "{year} (expected)"},
    "chinchilla.title": {"zh": "{a}与{b}", "en": "{a} and {b}"},
    "chinchilla.title_tradeoff": {
        "zh": "{a}对比{b}：参数更少，数据更多",
        "en": "{a} vs {b}: fewer parameters, more data",
    },
    "chinchilla.subtitle": {
        "zh": "左：参数量；右：训练数据量，以{baseline}为1",
        "en": "Left: parameters; right: training data, with {baseline} as 1",
    },
    "chinchilla.baseline": {"zh": "{value}（基准）", "en": "{value} (baseline)"},
    "chinchilla.derived": {"zh": "基准，按定义为1", "en": "Baseline, 1 by definition"},
    # --- standalone HTML page ----------------------------------------------------------------------
    "html.data": {"zh": "图表数据", "en": "Chart data"},
    "html.chart_label": {"zh": "交互图表：{title}", "en": "Interactive chart: {title}"},
}


def t(key: str, lang: str, **values: Any) -> str:
    """The string for key in lang, formatted with values; raises KeyError naming what is missing."""
    if lang not in LANGS:
        raise KeyError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no UI string {key!r} in charts/i18n.py") from None
    text = entry.get(lang)
    if text is None:
        raise KeyError(f"UI string {key!r} has no {lang!r} text in charts/i18n.py")
    return text.format(**values) if values else text


def plural(key: str, count: int) -> str:
    """The key of the singular or plural form: 'key.one' for exactly one, else 'key.other'."""
    return f"{key}.one" if count == 1 else f"{key}.other"


def missing_keys(strings: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Keys lacking a language (or empty in only one language), as 'key: lang' lines."""
    problems = []
    for key, entry in sorted((strings if strings is not None else STRINGS).items()):
        for lang in LANGS:
            if entry.get(lang) is None:
                problems.append(f"{key}: no {lang}")
        if all(entry.get(lang) is not None for lang in LANGS):
            empty = [lang for lang in LANGS if not entry[lang].strip()]
            if len(empty) == 1:
                problems.append(f"{key}: empty in {empty[0]} only")
        extra = sorted(set(entry) - set(LANGS))
        if extra:
            problems.append(f"{key}: unknown language(s) {', '.join(extra)}")
    return problems
