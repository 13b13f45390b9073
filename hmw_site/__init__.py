"""The site layer of 百模大战 · The Hundred-Model War, as one MkDocs plugin (`hmw`, hmw_site/plugin.py).

Modules, one job each: plugin (the MkDocs events, per-build state), languages (twin pages, alternates,
the English build), charts (the ```chart fences and the chart files), datarefs + context + values +
shortcodes + fences/ (numbers from the dataset), glossary (terms and the glossary page), markdown (the
one Markdown scanner) and html (autoescaping templates in templates/).

Numbers from the dataset in page text: shortcodes, data tables and source cards.

Every number a page shows comes from ``data/`` through this package, so a page cannot drift from
the dataset: the value is formatted for the page's language by ``charts/formats.py``, linked to
its dataset row, and carries its source and status (disputed, reported, estimated and projected
values get a visible mark and an explanation; they are never shown as plain fact).

Shortcodes (anywhere in a page's Markdown except inside code spans and fenced code)::

    [[figures:ID]]            a figure's value, e.g. 6300万美元 / $63 million   (→ method.md#figure-ID)
    [[figures:ID:date]]       the date the figure holds for
    [[figures:ID:subject]]    what the figure is about (GPT-4)
    [[models:ID:params]]      a model's parameter count (1.8万亿 / 1.8 trillion) (→ atlas.md#model-ID)
    [[models:ID:date]]        a model's release date
    [[models:ID:name]]        the model's name in the page's language
    [[models:ID:context]]     its context window in tokens;  [[models:ID:tokens]]  its training tokens
    [[events:ID:date]]        an event's date                               (→ timeline.md#event-ID)
    [[events:ID:title]]       an event's title
    [[count:models]]  [[count:events]]  [[count:figures]]  [[count:sources]]   rows in a table
    [[count:models:CN]]       models of one country (CN, US, GB, AE);  [[count:models:open]] open weights
    [[count:events:2023]]     events in one year;  [[count:events:model]] events of one category
    [[count:figures:training-cost]]   figures of one group
    [[mark:disputed]]         a status mark on its own (reported, estimated, projected, disputed,
                              external), for prose that explains the marks

Fences (a fenced block whose info string is only the name; the body is the argument)::

    ```datatable        body: models | events | figures — the full table, rows anchored model-ID …
    ```eventlist        body empty — every event by year, with year headings (in the TOC), event-ID anchors
    ```source-card      body: a source id — the bibliographic card from data/sources.csv
    ```schema           body empty — every table and column of data/schema.yaml
    ```downloads        body empty — links to the dataset files this hook serves under data/
    ```citations        body empty — how to cite the site and each source article
    ```marks            body empty — the legend of status marks used by the shortcodes

An unknown table, id, field, filter or fence argument fails the build with an error that names
the page and the shortcode. After the build, every link the shortcodes and fences wrote is checked against the
anchors its fences wrote, so a page that links to ``atlas.md#model-x`` fails the build if the
atlas lost its table.
"""
