"""Bring a chart folder up to date with the least work: nothing, the charts that changed, or all.

The site calls this on every build, and `mkdocs serve` builds on every save. Three answers, from
the manifest charts/digest.py keeps beside the outputs:

1. Nothing the pipeline reads changed (data, code, versions, languages): no work at all.
2. Something changed: the charts rendered from something that changed (the rows and columns
   their last rendering read, the schema, their own module, the shared code) are rendered again in memory
   and their outputs digested; the others are not even rendered. Only the charts whose digest
   differs are written (files, images, zip), into a copy of the folder that is swapped in, and a
   language's deck is rebuilt when what one of its slides shows (the light PNG, the meta) or its
   sources changed. The rest of the folder is carried over untouched (hard links). A save in one
   chart's module so renders that chart alone, and a save to a model's English note the English
   charts that show notes.
3. No usable manifest (first build, a build that stopped half-way, another format): everything.

It works in two halves: plan_update renders and digests what changed, in memory, and knows every
meta the folder will hold; PlannedUpdate.write writes (images, zips, decks, manifest). The site
writes on a thread while it renders its pages from the plan's metas (hmw_site/pending_charts.py),
and an ImagePrefetch (charts/export.py) starts the browser on each chart's images as soon as the
chart is planned. Whatever the path, the files are the same bytes a build from scratch writes
(tests/charts/test_update.py checks it). The manifest is removed before anything is written and written back
last, so a build that stops half-way leaves none and the next one trusts nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charts import digest
from charts.build import CHART_IDS, SCHEMES, ChartPlan, chart_plan, file_names, write_outputs
from charts.bundle import bundle_from, readme, write_bundle, write_bundles, zip_name
from charts.dataset import ReadRows, load_dataset, reads_digest
from charts.deck import ChartSlide, DeckError, chart_slides, deck_from, deck_name, write_decks
from charts.export import CACHE_DIR, ExportResult, ImagePrefetch
from charts.files import atomic_write
from charts.i18n import ALL_LANGS
from charts.registry import module_name, render
from charts.serialize import dumps, meta


@dataclass
class UpdateReport:
    """What update_charts did, for the build log and the tests."""

    skipped: bool = False  # nothing the outputs depend on changed: no work at all
    rendered: list[str] = field(default_factory=list)  # "lang/chart id", rendered in memory again
    rebuilt: list[str] = field(default_factory=list)  # "lang/chart id", rewritten
    decks: list[str] = field(default_factory=list)  # languages whose deck was rewritten
    images: ExportResult | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        if self.skipped:
            return "unchanged, nothing rebuilt"
        charts = ", ".join(self.rebuilt) or "none"
        return f"rebuilt {charts}; decks: {', '.join(self.decks) or 'none'}"


def chart_digests(
    data: Any, by_scheme: dict[str, Any], plan: ChartPlan, writers: str
) -> tuple[str, str, dict[str, Any]]:
    """One chart in one language, as rendered in memory (plan: its files), two digests:
    - everything its files are made from — the files themselves, the images' cache keys, its meta
      and README — and the code that writes them;
    - what its slide shows: the light PNG and the meta. A deck is rebuilt only when this changes,
      so an edit that only reaches a hover or the standalone page leaves the decks alone;
    and the meta itself, as write_outputs writes it when every file is made."""
    light = by_scheme["light"]
    names = file_names(light.chart_id, light.lang)
    # The meta as written when every file was made (the zip is added by write_bundles).
    expected = json.loads(dumps(meta(light, data, names), indent=2))
    images = [(job.path.name, job.key()) for job in plan.images]
    files = digest.text_digest(
        writers,
        {name: content for name, content in sorted(plan.files.items())},
        images,
        expected,
        readme(expected, data),
    )
    slide_png = names["png"]["light"]
    slide = digest.text_digest([key for name, key in images if name == slide_png], expected)
    return files, slide, expected


def _plot_top(image_figure: dict[str, Any]) -> float:
    """charts.slide_crop.plot_top from the image figure already made (no second render)."""
    return image_figure["layout"]["margin"]["t"] / image_figure["layout"]["height"]


def _outputs_present(target: Path, langs: Sequence[str], manifest: dict[str, Any]) -> bool:
    """Every chart's meta and every deck the manifest lists are still there (someone may have
    deleted a folder by hand)."""
    metas = all(
        (target / lang / cid / file_names(cid, lang)["meta"]).is_file() for lang in langs for cid in CHART_IDS
    )
    decks = all((target / deck_name(lang)).is_file() for lang in manifest.get("decks", {}))
    return metas and decks


def update_charts(
    data_dir: Path,
    target: Path,
    langs: Sequence[str],
    *,
    cache_dir: Path | None = CACHE_DIR,
    project: Path = digest.PROJECT,
) -> UpdateReport:
    """Make target hold every chart of langs in every format, their zips and each language's deck,
    doing only the work their inputs call for (see the module's docstring)."""
    return plan_update(data_dir, target, langs, cache_dir=cache_dir, project=project).write()


@dataclass
class PlannedUpdate:
    """update_charts' first half: what changed, rendered and serialised in memory, nothing written
    yet. The site reads the charts' metas from it and may write (``write``, the slow half: images,
    zips, decks) on a thread of its own while it renders the pages (charts/background.py)."""

    target: Path
    langs: list[str]
    cache_dir: Path | None
    report: UpdateReport
    inputs: str = ""
    data: Any = None
    manifest: dict[str, Any] = field(default_factory=dict)
    charts: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    plans: dict[tuple[str, str], ChartPlan] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)
    same: set[str] = field(default_factory=set)  # "lang/chart id" rendered from the same inputs as last time
    digests: dict[str, str] = field(default_factory=dict)
    slides: dict[str, str] = field(default_factory=dict)
    reads: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, dict[str, Any]] = field(default_factory=dict)  # the metas of the charts rendered
    decks: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    prefetch: ImagePrefetch | None = None  # rendering the images into the cache meanwhile

    @property
    def changed(self) -> list[str]:
        """The charts whose files differ from the folder's ("lang/chart id")."""
        known = self.manifest.get("charts", {})
        return [key for key, value in self.digests.items() if known.get(key) != value]

    def metas(self, lang: str) -> dict[str, dict[str, Any]]:
        """Each chart's meta as the folder holds it once written (zip included), and the light
        figure's layout size: what the pages take from the charts, known before anything is written.
        Call it before ``write`` starts: a chart left as it was is read from the folder."""
        found = {}
        for cid in CHART_IDS:
            key, names = f"{lang}/{cid}", file_names(cid, lang)
            if key in self.expected:
                meta_ = dict(
                    self.expected[key], files=self.expected[key]["files"] | {"zip": zip_name(cid, lang)}
                )
                figure = json.loads(self.plans[(lang, cid)].files[names["json"]["light"]])
            else:
                folder = self.target / lang / cid
                meta_ = json.loads((folder / names["meta"]).read_text(encoding="utf-8"))
                figure = json.loads((folder / names["json"]["light"]).read_text(encoding="utf-8"))
            found[cid] = {"meta": meta_, "figure": figure}
        return found

    def _stale_decks(self) -> list[str]:
        """The languages whose deck differs from the folder's (or is missing)."""
        return [
            lang
            for lang in self.langs
            if self.manifest.get("decks", {}).get(lang) != self.decks[lang]
            or not (self.target / deck_name(lang)).is_file()
        ]

    def _plot_tops(self) -> dict[str, float]:
        """Each chart's plot_top ("lang/chart id"): remembered for the charts kept, measured for the rest."""
        known = self.manifest.get("plot_tops", {})
        return {key: known[key] for key in self.same} | {
            f"{lang}/{cid}": _plot_top(image)
            for (lang, cid, scheme), image in self.memo.items()
            if scheme == "light"
        }

    def _made_as_images_come(self) -> tuple[dict[str, bytes], dict[str, bytes]]:
        """Each changed chart's zip and each stale deck, made in memory as soon as the prefetch has
        drawn their images, while it draws the others (a language's charts are planned together, so
        its deck's images come together): otherwise all of them are made on one core after the last
        image. A chart with an image missing gets no zip here, nor its language a deck: ``write``
        makes those from the folder."""
        zips: dict[str, bytes] = {}
        decks: dict[str, bytes] = {}
        if self.prefetch is None:
            return zips, decks
        changed, stale, tops = set(self.changed), self._stale_decks(), self._plot_tops()
        for lang in self.langs:
            slides: dict[str, ChartSlide] = {}
            for cid in CHART_IDS:
                key = f"{lang}/{cid}"
                if key not in changed:
                    continue
                plan = self.plans[(lang, cid)]
                images = {job.path.name: self.prefetch.image(job) for job in plan.images}
                if any(image is None for image in images.values()):
                    continue
                files, meta_ = plan.files | images, self.expected[key]
                zips[key] = bundle_from(files.__getitem__, meta_, self.data)
                slides[cid] = ChartSlide(meta_, files[meta_["files"]["png"]["light"]])
            missing = [cid for cid in CHART_IDS if f"{lang}/{cid}" in changed and cid not in slides]
            if lang not in stale or missing:  # the folder holds the old version of a changed chart
                continue
            try:  # the charts kept are read from the folder
                kept = chart_slides(self.target, lang, [cid for cid in CHART_IDS if cid not in slides])
            except DeckError:
                continue
            slides |= {slide.meta["id"]: slide for slide in kept}
            by_chart = {cid: tops[f"{lang}/{cid}"] for cid in CHART_IDS}
            decks[lang] = deck_from(self.data, lang, [slides[cid] for cid in CHART_IDS], by_chart)
        return zips, decks

    def write(self) -> UpdateReport:
        """Write what changed (files, images, zips, decks) and the manifest, last."""
        report = self.report
        if report.skipped:
            return report
        zips, decks = self._made_as_images_come()
        if self.prefetch is not None:
            self.prefetch.wait()  # then write_outputs finds its images in the cache
        data, target, langs = self.data, self.target, self.langs
        changed, stale_decks = self.changed, self._stale_decks()
        digest.forget_manifest(target)
        if changed:
            everything = len(changed) == len(self.digests)  # a first build: the folder is replaced as a whole
            written = write_outputs(
                data,
                target,
                langs=None if everything and set(langs) == set(ALL_LANGS) else langs,
                progress=False,
                cache_dir=self.cache_dir,
                charts=self.charts,
                pairs=None if everything else {tuple(key.split("/", 1)) for key in changed},
                plans=self.plans,
            )
            report.images = written.images
            for key in changed:
                lang, cid = key.split("/", 1)
                folder = target / lang / cid
                as_written = json.loads((folder / file_names(cid, lang)["meta"]).read_text(encoding="utf-8"))
                if key in zips and as_written == self.expected[key]:
                    write_bundle(folder, as_written, zips[key])
                else:  # an image missing after all: the zip of what the folder holds
                    write_bundles(data, target, chart_ids=[cid], langs=[lang])
            report.rebuilt = changed
        # Images not exported (no browser, no CJK font): their charts are not recorded as done, so the
        # next build tries them again.
        incomplete = {
            f"{p.parent.parent.name}/{p.parent.name}"
            for p in (report.images.skipped if report.images else [])
        }
        if incomplete:
            report.warnings.append("some images were not exported:\n" + "\n".join(report.images.messages))
        tops = self._plot_tops()
        plot_tops = {lang: {cid: tops[f"{lang}/{cid}"] for cid in CHART_IDS} for lang in langs}
        made_decks: dict[str, str] = {}
        for lang in langs:  # one language's deck failing leaves the others'
            if lang not in stale_decks:
                made_decks[lang] = self.decks[lang]
                continue
            try:
                if lang in decks:
                    atomic_write(target / deck_name(lang), decks[lang])
                else:
                    write_decks(data, target, langs=[lang], chart_ids=CHART_IDS, plot_tops=plot_tops)
            except DeckError as exc:
                report.warnings.append(f"no slide deck ({lang}): {exc}")
                continue
            made_decks[lang] = self.decks[lang]
            report.decks.append(lang)
        complete = {key: value for key, value in self.digests.items() if key not in incomplete}
        done = len(complete) == len(self.digests) and len(made_decks) == len(langs)
        digest.write_manifest(
            target,
            {
                "inputs": self.inputs if done else None,
                "charts": complete,
                "decks": made_decks,
                "reads": {key: value for key, value in self.reads.items() if key in complete},
                "slides": {key: value for key, value in self.slides.items() if key in complete},
                "plot_tops": {key: value for key, value in tops.items() if key in complete},
            },
        )
        report.seconds = time.monotonic() - self.started
        return report


def plan_update(
    data_dir: Path,
    target: Path,
    langs: Sequence[str],
    *,
    cache_dir: Path | None = CACHE_DIR,
    project: Path = digest.PROJECT,
    prefetch: ImagePrefetch | None = None,
) -> PlannedUpdate:
    """update_charts up to the first file it would write: the charts whose inputs changed are
    rendered and digested in memory; the others are not even rendered. prefetch: each rendered
    chart's images are handed to it at once, to be made while the next charts are rendered."""
    planned = PlannedUpdate(
        target=target, langs=list(langs), cache_dir=cache_dir, report=UpdateReport(), prefetch=prefetch
    )
    langs = planned.langs
    planned.inputs = inputs = digest.inputs_digest(data_dir, langs, project)
    manifest = digest.read_manifest(target)
    if manifest.get("inputs") == inputs and _outputs_present(target, langs, manifest):
        planned.report.skipped = True
        planned.report.seconds = time.monotonic() - planned.started
        return planned

    planned.data = data = load_dataset(data_dir)
    present = _outputs_present(target, langs, manifest)
    planned.manifest = manifest if present else {}
    known: dict[str, str] = planned.manifest.get("charts", {})
    recorded: dict[str, Any] = planned.manifest.get("reads", {})
    known_tops: dict[str, float] = planned.manifest.get("plot_tops", {})
    known_slides: dict[str, str] = planned.manifest.get("slides", {})
    shared = digest.shared_code_digest([module_name(cid) for cid in CHART_IDS], project)
    schema = digest.files_digest([data_dir / "schema.yaml"], data_dir)
    read_digests: dict[str, bytes] = {}  # many charts read the same columns

    def rendered_from(key: str, reads: list[list[Any]]) -> str:
        data_read = reads_digest(data, reads, read_digests)
        module = module_name(key.split("/", 1)[1])
        return digest.rendered_from(key, module, shared, schema, data_read, project)

    keys = [f"{lang}/{cid}" for lang in langs for cid in CHART_IDS]
    planned.same = same = {  # rendered from the same inputs last time: not rendered again
        key
        for key in keys
        if key in known
        and key in known_tops
        and key in known_slides
        and isinstance(recorded.get(key), dict)
        and recorded[key].get("inputs") == rendered_from(key, recorded[key].get("reads", []))
    }
    writers = digest.writer_digest(project)
    digests = {key: known[key] for key in same}
    planned.slides = {key: known_slides[key] for key in same}
    planned.reads = {key: recorded[key] for key in same}
    for key in keys:
        if key in same:
            continue
        lang, cid = key.split("/", 1)
        reading = ReadRows(data)
        by_scheme = {s: render(reading, cid, lang, s) for s in SCHEMES}
        plan = planned.plans[(lang, cid)] = chart_plan(by_scheme, memo=planned.memo)
        if prefetch is not None:
            prefetch.submit(plan.images)
        digests[key], planned.slides[key], planned.expected[key] = chart_digests(
            reading, by_scheme, plan, writers
        )
        planned.reads[key] = {"reads": reading.reads, "inputs": rendered_from(key, reading.reads)}
        planned.charts |= {(lang, cid, s): chart for s, chart in by_scheme.items()}
        planned.report.rendered.append(key)
    planned.digests = {key: digests[key] for key in keys}
    planned.decks = {lang: digest.deck_digest(planned.slides, lang, data_dir, shared) for lang in langs}
    return planned
