"""The loaded corpus kept as JSON in the cache folder, so that opening an unchanged knowledge
base does not parse its YAML again.

A snapshot is keyed by the content folder, the code that loads content, and the path, size and
modification time of every content file (`files.ContentScan.fingerprint`); any change to the
content or to the loader makes it stale. Source texts are not stored: they are read from
`content/sources/` when needed. `briefing check` never uses a snapshot.

When a few files changed since the snapshot (an edit, an import), only those are read again and
put together with the rest of the snapshot's corpus (`patch`) — when that gives exactly what a
full load gives: the snapshot's corpus had no problems at all, the changed files load without
any, and their ids are new to the rest. Anything else (a problem, a duplicate id, an unknown
file, many changes) is a full load. A differential test compares the two.

The file is JSON (never a pickle: reading a cache file must not run code): a header line with
the digest of the key, a second line with what it was made from (`Preamble`), then the corpus
as JSON lines, one record per line (`encode_lines` / `decode_lines`), so neither writing nor
reading holds the whole document as one string.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from briefing_tui import model
from briefing_tui.content import Only, load_only, units_of
from briefing_tui.files import YAML_SUFFIXES, ContentScan, display_path
from briefing_tui.gcpause import paused_gc
from briefing_tui.model import Corpus
from briefing_tui.recordjson import Decoder, encode as encode_record
from briefing_tui.store.cache import digest, write_derived
from briefing_tui.yamlitems import ItemCache

FORMAT = 4  # 3: JSON; 4: JSON lines
MAX_CHANGED_FILES = 200  # more changed files than this: a full load
_TABLES = ("sources", "statements", "domains", "forums", "commitments", "motions", "qa")

__all__ = ["FORMAT", "Preamble", "decode_lines", "encode_lines", "patch", "read", "read_preamble",
           "units_to_patch", "write"]


# --- records as JSON ------------------------------------------------------------------------------

def encode_lines(corpus: Corpus):
    """The corpus as JSON lines: first what is not a record (root, synonyms, problems,
    unreadable texts, files read), then one line per record, `[table, record]`. Written and
    read a line at a time, so neither side ever holds the whole document as one string."""
    yield _dumps({"root": corpus.root, "synonyms": [list(g) for g in corpus.synonyms],
                  "problems": [[p.path, p.line, p.code, p.data, p.severity] for p in corpus.problems],
                  "unreadable_texts": sorted(corpus.unreadable_texts), "files": list(corpus.files)})
    for n, table in enumerate(_TABLES):
        for record in getattr(corpus, table).values():
            yield _dumps([n, encode_record(record)])


def decode_lines(lines) -> Corpus:
    """A linked Corpus from `encode_lines`' lines (bytes or str), parsed one at a time."""
    decoder = Decoder()
    it = iter(lines)
    head = json.loads(next(it))
    corpus = Corpus(root=head["root"])
    corpus.synonyms = [tuple(g) for g in head["synonyms"]]
    corpus.problems = [model.Problem(p[0], p[1], p[2], p[3], p[4]) for p in head["problems"]]
    corpus.unreadable_texts = set(head["unreadable_texts"])
    corpus.files = list(head["files"])
    tables = [getattr(corpus, t) for t in _TABLES]
    for line in it:
        n, record = json.loads(line, object_hook=decoder.hook)
        tables[n][record.id] = record
    return corpus.link()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)


# --- the file ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Preamble:
    """What a snapshot was made from."""

    format: int
    content: str
    code: list
    files: list  # [path, size, mtime_ns] of every content file
    clean: bool  # the corpus had no problems (only then can it be patched)


def write(path: Path, key: tuple, corpus: Corpus) -> bool:
    """Store `corpus` for `key` = (content folder, code stamp, content fingerprint)."""
    pre = Preamble(FORMAT, key[0], list(key[1]), [list(f) for f in key[2]], not corpus.problems)
    try:
        return write_derived(path, _chunks([digest(key), _dumps(dataclasses.asdict(pre))], encode_lines(corpus)))
    except (TypeError, ValueError):  # a record JSON cannot hold: no snapshot (nothing was replaced)
        return False


def _chunks(head: list[str], lines: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """The lines as UTF-8, newline-terminated, in chunks of about `size` bytes: a corpus of a
    million statements is never held as one string (it was, three times over: 1.6 GB at 1M)."""
    buf: list[str] = []
    n = 0
    for line in itertools.chain(head, lines):
        buf.append(line)
        n += len(line) + 1
        if n >= size:
            buf.append("")
            yield "\n".join(buf).encode("utf-8")
            buf, n = [], 0
    if buf:
        buf.append("")
        yield "\n".join(buf).encode("utf-8")


def _open(path: Path):
    return open(path, "rb")


def read(path: Path, key: tuple) -> Corpus | None:
    """The snapshot's corpus when it was made for exactly `key`, else None."""
    try:
        with _open(path) as fh:
            if fh.readline().rstrip(b"\n").decode("ascii", "replace") != digest(key):
                return None
            fh.readline()
            return _decode_rest(fh)
    except OSError:
        return None


def _decode_rest(fh) -> Corpus | None:
    try:
        with paused_gc():
            return decode_lines(fh)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, StopIteration, UnicodeDecodeError):
        return None


def read_preamble(path: Path) -> tuple[str, Preamble | None]:
    """(digest, preamble) of a snapshot file; ("", None) when there is none or it is damaged."""
    try:
        with _open(path) as fh:
            found = fh.readline().rstrip(b"\n").decode("ascii", "replace")
            pre = Preamble(**json.loads(fh.readline().decode("utf-8")))
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        return "", None
    return found, pre


def read_base(path: Path) -> Corpus | None:
    """The snapshot's corpus whatever its key (for `patch`)."""
    try:
        with _open(path) as fh:
            fh.readline()
            fh.readline()
            return _decode_rest(fh)
    except OSError:
        return None


# --- a few files changed: the snapshot's corpus with those files read again ------------------------

def _changed_units(old_files: list, new_files: tuple) -> Only | None:
    """What the loader reads again for the files that differ, or None when that is more than
    `MAX_CHANGED_FILES` or a change only a full load handles."""
    old = {rel: (size, mtime) for rel, size, mtime in old_files}
    new = {rel: (size, mtime) for rel, size, mtime in new_files}
    changed = [rel for rel in old.keys() | new.keys() if old.get(rel) != new.get(rel)]
    if len(changed) > MAX_CHANGED_FILES:
        return None
    return units_of(changed)


def units_to_patch(pre: Preamble | None, key: tuple) -> Only | None:
    """What `patch` reads again to bring a snapshot with preamble `pre` to the content of `key`;
    None when it cannot: another format or loader, problems, too much changed."""
    if pre is None or pre.format != FORMAT or not pre.clean or pre.content != key[0] \
            or pre.code != json.loads(json.dumps(key[1])):
        return None
    return _changed_units(pre.files, key[2])


def patch(root: Path, base: Corpus, files: tuple, only: Only, scan: ContentScan | None = None,
          items: ItemCache | None = None) -> Corpus | None:
    """`base` with the files of `only` read again; None when that is not exactly what a full
    load of `files` gives (see the module doc). `scan`: the folder's, when the caller has it.
    `items`: the kept parses of large area files (`yamlitems`)."""
    root = root.resolve()
    new = load_only(root, only, scan=scan, items=items)
    if new.problems or base.problems:
        return None

    def display(rel: str) -> str:  # as the loader shows a path (relative to the content's parent)
        return display_path(root / rel, root.parent)

    changed_areas = {display(a) for a in only.areas}
    # Ids of the records that the changed files held; the other ids of the snapshot stay.
    gone: set[str] = {sid for sid in only.sources if sid in base.sources}
    for table in (base.domains, base.forums):
        gone.update(i for i, a in table.items() if a.loc.path in changed_areas)
    by_file: dict[str, list] = {}
    for st in base.statements.values():
        by_file.setdefault(st.loc.path, []).append(st)
    for p in changed_areas:
        gone.update(st.id for st in by_file.get(p, ()))
    for name, ids in (("commitments.yaml", base.commitments.keys()), ("motions.yaml", base.motions.keys()),
                      ("qa.yaml", base.qa.keys())):
        if name in only.top:
            gone.update(ids)
    tables = [getattr(base, t) for t in _TABLES]
    for new_table in (getattr(new, t) for t in _TABLES):
        for rid in new_table:
            if rid not in gone and any(rid in t for t in tables):
                return None  # defined again elsewhere: the full load reports the duplicate

    # Put together in the loader's order: files sorted by name, records in file order.
    listed: dict[str, list[str]] = {"sources": [], "domains": [], "forums": []}
    for rel, _size, _mtime in files:
        parts = rel.split("/")
        if len(parts) == 2 and parts[0] in listed and parts[1].endswith(YAML_SUFFIXES):
            listed[parts[0]].append(parts[1])
    out = Corpus(root=str(root))
    for name in sorted(listed["sources"]):
        stem = name.rpartition(".")[0]
        src = (new if stem in only.sources else base).sources.get(stem)
        if src is None or src.loc.path != display(f"sources/{name}"):
            return None
        out.sources[stem] = src
    new_by_file: dict[str, list] = {}
    for st in new.statements.values():
        new_by_file.setdefault(st.loc.path, []).append(st)
    for folder, old_table, new_table, out_table in (("domains", base.domains, new.domains, out.domains),
                                                    ("forums", base.forums, new.forums, out.forums)):
        for name in sorted(listed[folder]):
            stem = name.rpartition(".")[0]
            shown = display(f"{folder}/{name}")
            changed = shown in changed_areas
            area = (new_table if changed else old_table).get(stem)
            if area is None or area.loc.path != shown:
                return None
            out_table[stem] = area
            for st in (new_by_file if changed else by_file).get(shown, ()):
                out.statements[st.id] = st
    out.commitments = new.commitments if "commitments.yaml" in only.top else base.commitments
    out.motions = new.motions if "motions.yaml" in only.top else base.motions
    out.qa = new.qa if "qa.yaml" in only.top else base.qa
    out.synonyms = new.synonyms if "synonyms.yaml" in only.top else base.synonyms
    out.files = sorted(set(base.files) | set(new.files))
    return out.link()
