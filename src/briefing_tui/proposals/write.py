"""Accepting a proposal: the statement (or commitment) written into its content file.

    path, new_id = accept(content_dir, kb, candidate, Choice(relation="laws-verbod-2019"))
    kb.after_writing([path])            # the index reads the one file written

`kb` is the knowledge base (`store.KnowledgeBase`): every check reads its index (a few
lookups, no corpus loaded); a caller holding the loaded corpus (the app) may pass it instead.

- A **statement** goes into the `statements:` list of the file of its main domain
  (`domains/<first domain>.yaml`), or of its main forum when it has no domain, with `id`,
  `topic`, `position` (the line), `quote`, `source`, `locator`, `domains`, `forums` and, when a
  relation is chosen, `supersedes: [<older id>]` in the new statement (the newer one carries the
  relation, as everywhere in the knowledge base), or, when the reviewer says what of the older
  line still holds (`Choice.holds`), `updates: {<older id>: "<what still holds>"}`: the older
  line holds in part and stays current. That text is the reviewer's, never made up here. The
  older statement must be of the same topic and current (`briefing check` rejects anything
  else), so the topic is the older statement's unless the reviewer gave another, which is
  refused.
- A **commitment** goes into `commitments.yaml` with `text` (the line), `quote`, `source`,
  `locator`, `made_by` (the source's first minister as the source names them), `made_on` (the
  source's date; the letter is where it is promised), `status: open`, domains and forums.

The new item is appended to the list as text, in the style of the hand-written files (every
string in double quotes, lists in brackets), so the file's comments and layout stay as they
are; the result is parsed again and must hold exactly the old items plus the new one. The file
is replaced atomically, and only when nobody changed it since it was read.

`Refused` carries the code (and data) of a refusal; nothing is written then.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from briefing_tui.atomic import atomic_write_bytes
from briefing_tui.importer.write import ID_RE
from briefing_tui.model import Corpus
from briefing_tui.proposals.propose import Candidate
from briefing_tui.yamlio import parse_yaml

if TYPE_CHECKING:
    from briefing_tui.store import KnowledgeBase

__all__ = ["Choice", "Refused", "accept", "plan_accept"]


class Refused(Exception):
    """The proposal cannot be written as it stands: a code with data (`wording/proposals.py`);
    `str()` is the Dutch text."""

    def __init__(self, code: str, **data) -> None:
        from briefing_tui.wording import say

        super().__init__(say(code, **data))
        self.code, self.data = code, data


@dataclass
class Choice:
    """What the reviewer decided: the relation to keep (an older statement id, or None for
    none) and edits of the proposal (None: as proposed)."""

    relation: str | None = None
    extra_relations: list[str] = field(default_factory=list)  # more older statements of the same topic
    # What of `relation` still holds: given (not None), the relation is written as `updates`
    # (the older line holds in part), else as `supersedes`. Extra relations are superseded.
    holds: str | None = None
    line: str | None = None
    topic: str | None = None
    domains: list[str] | None = None
    forums: list[str] | None = None
    kind: str | None = None  # "statement" | "commitment"

    def all_relations(self) -> list[str]:
        return list(dict.fromkeys(([self.relation] if self.relation else []) + list(self.extra_relations)))

    def updated(self) -> str | None:
        """The older statement written under `updates` (None: every relation supersedes)."""
        return self.relation if self.holds is not None and self.relation else None

    def superseded(self) -> list[str]:
        """The older statements written under `supersedes`."""
        return [r for r in self.all_relations() if r != self.updated()]


def _slug(text: str, words: int = 4) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words]) or "standpunt"


class _Known:
    """What accepting checks against the knowledge base: which domains and forums exist, the
    source's record, which ids are taken, and an older statement's topic and currency. From the
    index (`store.KnowledgeBase`: a few lookups, no corpus loaded; when the content has errors,
    from its corpus), or from a loaded corpus."""

    def __init__(self, known: "Corpus | KnowledgeBase") -> None:
        if not isinstance(known, Corpus) and known.content_errors() != 0:
            # With errors in the content (or none known) the index may lack a record whose id
            # is in use (store/known_sources.py): the checks read the corpus, as before.
            known = known.corpus
        self.corpus = known if isinstance(known, Corpus) else None
        self.kb = None if isinstance(known, Corpus) else known
        self._areas: tuple[set[str], set[str]] | None = None

    def areas(self) -> tuple[set[str], set[str]]:
        """(domain ids, forum ids)."""
        if self._areas is None:
            if self.corpus is not None:
                self._areas = set(self.corpus.domains), set(self.corpus.forums)
            else:
                assert self.kb is not None
                rows = self.kb.areas()
                self._areas = {a[0] for a in rows if a[1] == "domain"}, {a[0] for a in rows if a[1] == "forum"}
        return self._areas

    def source(self, source_id: str):
        if self.corpus is not None:
            return self.corpus.sources.get(source_id)
        assert self.kb is not None
        return self.kb.source(source_id)

    def taken(self, base: str) -> set[str]:
        """The ids that are `base` or start with `base-`."""
        if self.corpus is not None:
            corpus = self.corpus
            return {i for table in (corpus.sources, corpus.statements, corpus.domains, corpus.forums,
                                    corpus.commitments, corpus.motions, corpus.qa)
                    for i in table if i == base or i.startswith(base + "-")}
        assert self.kb is not None
        return self.kb.taken_ids(base)

    def statement(self, sid: str) -> tuple[str, bool, str | None] | None:
        """(topic, current, the statement that superseded it), or None when there is no such
        statement."""
        if self.corpus is not None:
            st = self.corpus.statements.get(sid)
            if st is None:
                return None
            return st.topic, self.corpus.is_current(sid), self.corpus.superseded_by(sid)
        assert self.kb is not None
        row = next(iter(self.kb.statement_rows(ids=(sid,))), None)
        return None if row is None else (row.topic or "", row.current, row.superseded_by)


def _unique(base: str, known: _Known, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9._-]+", "-", base.lower()).strip("-.") or "standpunt"
    taken = known.taken(base) | {t for t in taken if t == base or t.startswith(base + "-")}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _scalar(value) -> str:
    return json.dumps(value, ensure_ascii=False)


_YAML_WORDS = frozenset("y n yes no on off true false null".split())


def _key(key: str) -> str:
    """A mapping key as the hand-written files write it: plain when that reads back as the same string."""
    plain = re.fullmatch(r"[a-z0-9][a-z0-9._-]*", key) and key not in _YAML_WORDS and not key.isdigit()
    return key if plain else _scalar(key)


def _item_text(record: dict, indent: str) -> str:
    lines = []
    for i, (key, value) in enumerate(record.items()):
        lead = indent + ("- " if i == 0 else "  ")
        if isinstance(value, dict):  # `updates`: one older id per line, as in the hand-written files
            lines.append(f"{lead}{key}:")
            lines += [f"{indent}    {_key(k)}: {_scalar(v)}" for k, v in value.items()]
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _append_item(old: str, key: str, record: dict, display: str) -> str:
    """`old` with `record` appended to its top-level list `key` (created when absent)."""
    data, problems = parse_yaml(old, display) if old.strip() else ({}, [])
    if problems or not isinstance(data, dict):
        raise Refused("proposal.refused.file_errors", path=display)
    before = data.get(key)
    if before is not None and not isinstance(before, list):
        raise Refused("proposal.refused.not_a_list", path=display, key=key)
    before = list(before or [])
    lines = old.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    at = next((i for i, ln in enumerate(lines) if re.match(rf"^{re.escape(key)}\s*:", ln)), None)
    if at is None:
        new = "".join(lines) + f"{key}:\n" + _item_text(record, "  ")
    else:
        if not before:  # "statements: []" or "statements:" with nothing under it
            lines[at] = f"{key}:\n"
        # The list runs to the next top-level key (a line that starts with a letter or quote).
        end = next((i for i in range(at + 1, len(lines)) if re.match(r"^[^\s#-]", lines[i])), len(lines))
        # Keep trailing blank lines and comments after the new item.
        while end > at + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        m = next((re.match(r"^(\s*)- ", ln) for ln in lines[at + 1:end] if re.match(r"^\s*- ", ln)), None)
        indent = m.group(1) if m else "  "
        new = "".join(lines[:end]) + _item_text(record, indent) + "".join(lines[end:])
    check, problems = parse_yaml(new, display)
    if problems or not isinstance(check, dict) or list(check.get(key) or []) != before + [record]:
        raise Refused("proposal.refused.unsafe_append", path=display)
    return new


def plan_accept(content: Path, known: "Corpus | KnowledgeBase", cand: Candidate, choice: Choice | None = None,
                taken: Iterable[str] = ()) -> tuple[Path, str, dict, str, str]:
    """(file, new id, record, old text, new text) for accepting `cand`; raises Refused.
    `known`: the knowledge base's index (`KnowledgeBase`) or a loaded corpus, what the checks
    read. `taken`: ids written since it was read (a review writes several in a row)."""
    facts = _Known(known)
    if choice is None:
        default = cand.default_relation()
        choice = Choice(relation=default.id if default else None)
    kind = choice.kind or cand.kind
    line = (choice.line if choice.line is not None else cand.line).strip()
    domains = list(dict.fromkeys(choice.domains if choice.domains is not None else cand.domains))
    forums = list(dict.fromkeys(choice.forums if choice.forums is not None else cand.forums))
    known_domains, known_forums = facts.areas()
    unknown = [d for d in domains if d not in known_domains] + [f for f in forums if f not in known_forums]
    if unknown:
        raise Refused("proposal.refused.unknown_area", area=unknown[0])
    if not line:
        raise Refused("proposal.refused.empty_line")
    source = facts.source(cand.source)
    if source is None:
        raise Refused("proposal.refused.unknown_source", source=cand.source)
    taken = set(taken)
    year = (source.date or "")[:4]
    content = Path(content)
    if kind == "commitment":
        cid = _unique(f"tz-{source.date or year or 'z'}-{_slug(line, 3)}", facts, taken)
        record: dict[str, Any] = {"id": cid, "text": line, "quote": cand.quote, "source": cand.source, "locator": cand.locator}
        if source.ministers:
            m = source.ministers[0]
            record["made_by"] = f"{m.role} ({m.name})" if m.role else m.name
        if source.date:
            record["made_on"] = source.date
        record["status"] = "open"
        if domains:
            record["domains"] = domains
        if forums:
            record["forums"] = forums
        path = content / "commitments.yaml"
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        return path, cid, record, old, _append_item(old, "commitments", record, "commitments.yaml")

    topic = (choice.topic if choice.topic is not None else cand.topic).strip()
    relations = choice.all_relations()
    if choice.holds is not None and not choice.relation:
        raise Refused("proposal.refused.updates_without_relation")
    if choice.holds is not None and not choice.holds.strip():
        raise Refused("proposal.refused.updates_without_holds", id=choice.relation)
    for relation in relations:
        older = facts.statement(relation)
        if older is None:
            raise Refused("proposal.refused.unknown_statement", id=relation)
        older_topic, current, superseded_by = older
        if (choice.topic is not None or relation != relations[0]) and topic != older_topic:
            raise Refused("proposal.refused.other_topic", id=relation, topic=older_topic, wanted=topic)
        topic = older_topic
        if not current:
            raise Refused("proposal.refused.superseded", id=relation, by=superseded_by)
    if not topic or "/" not in topic:
        raise Refused("proposal.refused.no_topic")
    home_kind, home = ("domains", domains[0]) if domains else ("forums", forums[0]) if forums else ("", "")
    if not home:
        raise Refused("proposal.refused.no_area")
    tail = topic.split("/", 1)[1]
    sid = _unique(f"{home}-{tail}-{year}" if year else f"{home}-{tail}", facts, taken)
    if not ID_RE.match(sid):
        raise Refused("proposal.refused.bad_id", topic=topic)
    record = {"id": sid, "topic": topic, "position": line, "quote": cand.quote, "source": cand.source,
              "locator": cand.locator, "domains": domains, "forums": forums}
    if choice.superseded():
        record["supersedes"] = choice.superseded()
    updated = choice.updated()
    if updated is not None:
        record["updates"] = {updated: " ".join((choice.holds or "").split())}
    path = content / home_kind / f"{home}.yaml"
    if not path.is_file():
        raise Refused("proposal.refused.missing_file", path=f"{home_kind}/{home}.yaml")
    old = path.read_text(encoding="utf-8")
    return path, sid, record, old, _append_item(old, "statements", record, f"{home_kind}/{home}.yaml")


def accept(content: Path, known: "Corpus | KnowledgeBase", cand: Candidate, choice: Choice | None = None,
           taken: Iterable[str] = ()) -> tuple[Path, str]:
    """Write the accepted proposal; (the file written, the new record's id). `known`: see
    `plan_accept`; with the index, bring it up to date afterwards (`KnowledgeBase.after_writing`)."""
    path, new_id, _record, old, new = plan_accept(content, known, cand, choice, taken)

    def unchanged() -> None:
        now = path.read_text(encoding="utf-8") if path.is_file() else ""
        if now != old:
            raise Refused("proposal.refused.changed", path=path.name)

    atomic_write_bytes(path, new.encode("utf-8"), before_replace=unchanged)
    return path, new_id
