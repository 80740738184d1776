"""`briefing import`: add a source document (plain text or PDF) to the knowledge base.

The steps, each in its own module:

- `extract`  bytes -> text: encoding detection for plain text, the text layer of a PDF; refuses
             what cannot be imported (empty, binary, encrypted, image-only or damaged PDF).
- `detect`   metadata from the text itself (kind, date, ministers, members, Kamerstuk,
             Aanhangsel, Kamervragen number), each field with its evidence.
- `clean`    page and web furniture for search (the stored text stays as received).
- `qa`       the questions and answers of an answer document.
- `link`     what the document has in common with existing sources (the same text, the
             questions it answers), checked on the few files a `SourceLookup` names.
- `write`    the source's .txt and .yaml, qa items and links, written all or nothing.

The core API is `briefing_tui.importer.write.plan_import(..., known=kb.known_sources())` (what
would be written, or `ImportRefused`; without `known` every file in sources/ is looked at) and
`write_import(plan)` (all or nothing), then `kb.after_writing(paths)` for the index.
"""
