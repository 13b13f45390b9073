"""The one Markdown scanner of the site: fenced blocks, prose (outside code), titles and links.

Shortcodes, fences and glossary terms are found with these functions only, so code is never
rewritten and every module agrees on what a fence is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from charts.yamltext import load_yaml

SHORTCODE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*?)[ \t]*$")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HREF = re.compile(r"""href=["']([^"']+)["']""")
H1 = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)

# --- Markdown scanning --------------------------------------------------------------------------


@dataclass
class Fence:
    start: int  # first line index
    end: int  # line index after the closing fence
    indent: str
    info: str
    body: str


def find_fences(lines: list[str]) -> list[Fence]:
    """Every fenced code block (``` or ~~~, any indentation), so code is never rewritten."""
    fences: list[Fence] = []
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        body = "\n".join(
            line[len(indent) :] if line.startswith(indent) else line for line in lines[i + 1 : j]
        )
        fences.append(Fence(i, min(j + 1, len(lines)), indent, info.strip(), body))
        i = j + 1
    return fences


def prose_segments(markdown: str) -> list[tuple[bool, str]]:
    """Split Markdown into (is_prose, text) pieces; fenced blocks and code spans are not prose."""
    lines = markdown.split("\n")
    pieces: list[tuple[bool, str]] = []
    cursor = 0
    for fence in find_fences(lines):
        if fence.start > cursor:
            pieces.extend(_split_inline_code("\n".join(lines[cursor : fence.start]) + "\n"))
        pieces.append((False, "\n".join(lines[fence.start : fence.end]) + "\n"))
        cursor = fence.end
    if cursor < len(lines):
        pieces.extend(_split_inline_code("\n".join(lines[cursor:])))
    elif pieces and pieces[-1][1].endswith("\n") and not markdown.endswith("\n"):
        pieces[-1] = (pieces[-1][0], pieces[-1][1][:-1])
    return pieces


def _split_inline_code(text: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    last = 0
    for match in INLINE_CODE.finditer(text):
        out.append((True, text[last : match.start()]))
        out.append((False, match.group(0)))
        last = match.end()
    out.append((True, text[last:]))
    return out


def strip_front_matter(markdown: str) -> str:
    return FRONT_MATTER.sub("", markdown, count=1)


def page_title(markdown: str, fallback: str) -> str:
    """A page's title as MkDocs would show it: front matter title, else the first H1."""
    front = FRONT_MATTER.match(markdown)
    if front:
        meta = load_yaml(front.group(1)) or {}
        if isinstance(meta, dict) and meta.get("title"):
            return str(meta["title"])
    heading = H1.search(strip_front_matter(markdown))
    return heading.group(1).strip() if heading else fallback


def linked_pages(markdown: str, page: str) -> set[str]:
    """src_uris of the pages a page's Markdown links to (Markdown links and raw href=)."""
    found: set[str] = set()
    base = Path(page).parent
    for is_prose, text in prose_segments(markdown):
        if not is_prose:
            continue
        for target in [*MD_LINK.findall(text), *HREF.findall(text)]:
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            path = target.split("#", 1)[0]
            if not path.endswith(".md"):
                continue
            parts: list[str] = []
            for part in (base / path).parts:
                if part == "..":
                    if parts:
                        parts.pop()
                elif part != ".":
                    parts.append(part)
            found.add("/".join(parts))
    return found


def read_pages(docs_dir: Path) -> dict[str, str]:
    """Every Markdown page of one language, src_uri -> text, in a stable order."""
    return {
        p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(docs_dir.rglob("*.md"))
    }
