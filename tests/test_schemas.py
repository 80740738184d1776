"""The JSON Schemas shipped for content files: valid, in step with the loader, and strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from briefing_tui import content as loader
from briefing_tui.yamlio import parse_yaml

SCHEMAS = Path(loader.__file__).resolve().parent / "schemas"
KINDS = {
    "source": "sources/*.yaml",
    "domain": "domains/*.yaml",
    "forum": "forums/*.yaml",
    "commitments": "commitments.yaml",
    "motions": "motions.yaml",
    "qa": "qa.yaml",
    "synonyms": "synonyms.yaml",
}


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(kind: str, yaml_text: str) -> list[str]:
    data, problems = parse_yaml(yaml_text, "x.yaml")
    assert problems == []
    return sorted(e.message for e in validator(kind).iter_errors(data))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_valid_draft_2020_12(kind):
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_shipped_content_files_validate(kind, content_dir):
    files = sorted(content_dir.glob(KINDS[kind]))
    if not files:
        pytest.skip(f"no {kind} files in content/ yet")
    v = validator(kind)
    for path in files:
        data, problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
        assert problems == []
        found = [f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]
        assert found == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fixture_content_validates(kind, mini_content):
    v = validator(kind)
    for path in sorted(mini_content.glob(KINDS[kind])):
        data, _ = parse_yaml(path.read_text(encoding="utf-8"), str(path))
        assert [e.message for e in v.iter_errors(data)] == []


@pytest.mark.parametrize(
    "kind, cls, path, not_kept",
    [
        ("source", "Source", (), ()),
        ("domain", "Area", (), ("statements",)),
        ("forum", "Area", (), ("statements",)),
        ("domain", "Statement", ("$defs", "statement"), ()),
        ("commitments", "Commitment", ("$defs", "commitment"), ()),
        ("motions", "Motion", ("$defs", "motion"), ()),
        ("motions", "FollowUp", ("$defs", "follow_up"), ()),
        ("qa", "QA", ("$defs", "qa"), ()),
        ("source", "Kamerstuk", ("$defs", "kamerstuk"), ()),
        ("source", "Person", ("$defs", "person"), ()),
    ],
)
def test_every_field_of_a_schema_has_a_place_in_the_model(kind, cls, path, not_kept):
    """The schemas are the one description of the files: the loader keeps every field they allow."""
    import dataclasses

    from briefing_tui import model

    node = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    fields = {f.name for f in dataclasses.fields(getattr(model, cls))}
    assert set(node["properties"]) - set(not_kept) <= fields
    assert node["additionalProperties"] is False


def best(kind: str, yaml_text: str) -> str:
    data, problems = parse_yaml(yaml_text, "x.yaml")
    assert problems == []
    error = best_match(validator(kind).iter_errors(data))
    assert error is not None, "the schema accepted a wrong file"
    return error.message


def test_schemas_reject_obviously_wrong_files():
    got = set(errors("domain", "id: Laws\nstatements:\n  - id: x\n    topic: laws\n    colour: red\n"))
    assert "'name' is a required property" in got
    assert "'quote' is a required property" in got
    assert "Additional properties are not allowed ('colour' was unexpected)" in got
    assert "'Laws' does not match '^[a-z0-9][a-z0-9._-]*$'" in got
    assert "'laws' does not match '^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)+$'" in got

    assert "'brief' is not one of" in best("source", "id: x\nkind: brief\ntitle: t\n")
    assert "does not match" in best("source", "id: x\nkind: kamerbrief\ntitle: t\ndate: 13 mei 2019\n")
    assert "is not of type 'string'" in best(
        "source", "id: x\nkind: kamerbrief\ntitle: t\nkamerstuk: {dossier: 33694, number: '45'}\n"
    )
    assert "is not of type 'integer'" in best("qa", "qa:\n  - {id: q, source: s, number: '1', question: q, answer_locator: a}\n")
    assert "is not one of" in best("commitments", "commitments:\n  - {id: c, text: t, quote: q, source: s, status: done}\n")
    assert "is not of type 'array'" in best("synonyms", "groups: ai, kunstmatige intelligentie\n")
    assert "should be non-empty" in best("synonyms", "groups:\n  - [ai]\n") or "is too short" in best(
        "synonyms", "groups:\n  - [ai]\n"
    )
    assert "'parent' was unexpected" in best("domain", "id: laws\nname: x\nparent: ccw\n")
    assert errors("forum", "id: gge-laws\nname: x\nparent: ccw\n") == []


def test_schema_problems_word_counts_and_choices_plainly():
    """A minimum is a number, not a byte count; an empty (null) choice is not offered as 'None'."""
    from briefing_tui.schema import validate

    def shown(kind: str, text: str) -> list[str]:
        data, problems = parse_yaml(text, "x.yaml")
        assert problems == []
        return [str(p) for p in validate(data, kind, "x.yaml")]

    assert shown("qa", "qa:\n  - {id: q, source: s, number: 0, question: q, answer_locator: a}\n") == [
        "x.yaml:2: vraag 'q': number moet minstens 1 zijn"
    ]
    assert shown("synonyms", "groups:\n  - [ai]\n") == ["x.yaml:2: groups[0] moet minstens 2 element(en) hebben"]
    assert shown("commitments", "commitments:\n  - {id: c, text: t, quote: q, source: s, status: done}\n") == [
        "x.yaml:2: toezegging 'c': status: 'done' is niet een van 'open', 'fulfilled', 'partially-fulfilled', 'lapsed' en 'unknown'"
    ]
