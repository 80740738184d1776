"""How good the proposals are, measured on the knowledge base itself.

For one source: copy the content folder, remove every statement and commitment quoted from
that source (and the `supersedes` and `qa.statements` references to them), index the copy, run
`propose` on the source, and compare the proposals with what was removed:

- a proposal **matches** a removed record when the two quotes share a run of words covering at
  least `MATCH_SHARE` of the shorter one (both are verbatim from the same text);
- **precision**: proposals that match a removed statement or commitment ÷ proposals;
- **recall**: removed statements matched by a proposal ÷ removed statements (commitments
  likewise, reported apart);
- **attribution**: of the proposals that match a removed statement, how many speak in the
  same voice: another party's view (`attribution` other than "kabinet") where the statement
  records one (topic ending in `-advies`, position "Volgens ..."), the cabinet's elsewhere;
- **links**: every removed statement that superseded a statement of an older source is a real
  supersession link; it is *found at rank k* when the proposal matching the removed statement
  lists the older statement k-th among its relations.

`evaluate(content_dir, source_id)` returns a `SourceEval`; `benchmarks/proposals_eval.py`
prints the table for all sources, and tests guard the figures.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing_tui.proposals.propose import Candidate, propose, quote_key

__all__ = ["SourceEval", "Link", "evaluate", "hide_source", "matches", "MATCH_SHARE"]

MATCH_SHARE = 0.6


@dataclass
class Link:
    new: str  # the removed statement
    old: str  # the statement it superseded
    rank: int | None  # where the matching proposal lists `old` (1-based); None: not listed
    proposal: int | None  # the proposal's n, None when no proposal matched `new`


@dataclass
class SourceEval:
    source: str
    proposals: int
    statements: int  # removed statements
    commitments: int  # removed commitments
    matched_statements: list[str] = field(default_factory=list)
    matched_commitments: list[str] = field(default_factory=list)
    noise: list[int] = field(default_factory=list)  # proposal numbers that matched nothing
    links: list[Link] = field(default_factory=list)
    # Attribution of the matched proposals: (proposals whose voice agrees with the statement they
    # match, proposals checked). A statement records another party's view when its topic ends in
    # "-advies" and its position names whose view it is ("Volgens ..."); else the cabinet's.
    attribution: tuple[int, int] = (0, 0)
    candidates: list[Candidate] = field(default_factory=list)
    elapsed_ms: float = 0.0

    @property
    def precision(self) -> float:
        return (self.proposals - len(self.noise)) / self.proposals if self.proposals else 0.0

    @property
    def recall(self) -> float:
        return len(self.matched_statements) / self.statements if self.statements else 0.0

    @property
    def commitment_recall(self) -> float:
        return len(self.matched_commitments) / self.commitments if self.commitments else 0.0

    def to_json(self) -> dict:
        return {
            "source": self.source, "proposals": self.proposals, "statements": self.statements,
            "commitments": self.commitments, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3), "commitment_recall": round(self.commitment_recall, 3),
            "matched_statements": self.matched_statements, "matched_commitments": self.matched_commitments,
            "noise": self.noise, "attribution_agrees": self.attribution[0], "attribution_checked": self.attribution[1],
            "links": [{"new": lk.new, "old": lk.old, "rank": lk.rank, "proposal": lk.proposal} for lk in self.links],
        }


def matches(proposal_quote: str, real_quote: str) -> bool:
    a, b = quote_key(proposal_quote).split(), quote_key(real_quote).split()
    if not a or not b:
        return False
    m = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    longest = max((blk.size for blk in m.get_matching_blocks()), default=0)
    return longest >= MATCH_SHARE * min(len(a), len(b))


def hide_source(content: Path, dest: Path, source_id: str) -> tuple[dict[str, dict], dict[str, dict]]:
    """Copy `content` to `dest` without the statements and commitments of `source_id`.
    Returns the removed (statements, commitments) by id, as their YAML mappings."""
    shutil.copytree(content, dest)
    hidden_st: dict[str, dict] = {}
    files: dict[Path, dict] = {}
    for folder in ("domains", "forums"):
        for path in sorted((dest / folder).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            files[path] = data
            kept = []
            for st in data.get("statements") or []:
                if st.get("source") == source_id:
                    hidden_st[st["id"]] = st
                else:
                    kept.append(st)
            data["statements"] = kept
    for data in files.values():
        for st in data["statements"]:
            if st.get("supersedes"):
                st["supersedes"] = [s for s in st["supersedes"] if s not in hidden_st]
                if not st["supersedes"]:
                    del st["supersedes"]
    for path, data in files.items():
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    hidden_c: dict[str, dict] = {}
    cpath = dest / "commitments.yaml"
    if cpath.is_file():
        data = yaml.safe_load(cpath.read_text(encoding="utf-8")) or {}
        kept = []
        for c in data.get("commitments") or []:
            (hidden_c.__setitem__(c["id"], c) if c.get("source") == source_id else kept.append(c))
        data["commitments"] = kept
        cpath.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    qpath = dest / "qa.yaml"
    if qpath.is_file():
        data = yaml.safe_load(qpath.read_text(encoding="utf-8")) or {}
        for q in data.get("qa") or []:
            if q.get("statements"):
                q["statements"] = [s for s in q["statements"] if s not in hidden_st]
        qpath.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return hidden_st, hidden_c


def evaluate(content: Path | str, source_id: str, *, workdir: Path | None = None) -> SourceEval:
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace

    content = Path(content).resolve()
    with tempfile.TemporaryDirectory(prefix="proposals-eval-", dir=workdir) as tmp:
        base = Path(tmp)
        hidden_st, hidden_c = hide_source(content, base / "content", source_id)
        ws = Workspace(base / "content", base / "briefings", base / "cache")
        with KnowledgeBase.open(ws) as kb:
            result = propose(kb, source_id)
    ev = SourceEval(source_id, len(result.candidates), len(hidden_st), len(hidden_c),
                    candidates=result.candidates, elapsed_ms=result.elapsed_ms)
    match_of: dict[str, int] = {}
    agree = checked = 0
    for c in result.candidates:
        hit = False
        for sid, st in hidden_st.items():
            if matches(c.quote, st.get("quote", "")):
                if not hit:
                    advisory = str(st.get("topic", "")).endswith("-advies") and str(st.get("position", "")).startswith("Volgens")
                    checked += 1
                    agree += advisory == (c.attribution != "kabinet")
                hit = True
                match_of.setdefault(sid, c.n)
        for cid, cm in hidden_c.items():
            if matches(c.quote, cm.get("quote", "")):
                hit = True
                if cid not in ev.matched_commitments:
                    ev.matched_commitments.append(cid)
        if not hit:
            ev.noise.append(c.n)
    ev.matched_statements = sorted(match_of)
    ev.attribution = (agree, checked)
    by_n = {c.n: c for c in result.candidates}
    for sid, st in sorted(hidden_st.items()):
        for old in st.get("supersedes") or []:
            if old in hidden_st:
                continue  # a link inside the source itself: not a link to an older line
            n = match_of.get(sid)
            rank = None
            if n is not None:
                # Any proposal matching the removed statement may carry the link; take the best rank.
                ranks = [i for c in result.candidates if matches(c.quote, st.get("quote", ""))
                         for i, r in enumerate(c.relations, 1) if r.id == old]
                rank = min(ranks) if ranks else None
                if ranks:
                    n = next(c.n for c in result.candidates if matches(c.quote, st.get("quote", ""))
                             and any(r.id == old for r in c.relations[:min(ranks)]))
            ev.links.append(Link(sid, old, rank, n))
    del by_n
    return ev
