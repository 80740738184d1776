"""Proposals: a new source proposes its own statements, and what they replace (docs/proposals.md).

    from briefing_tui.proposals import propose, load_rejections, accept, reject
"""

from briefing_tui.proposals.propose import Candidate, Proposals, Relation, propose, quote_key

__all__ = ["Candidate", "Proposals", "Relation", "propose", "quote_key"]
