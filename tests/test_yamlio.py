"""Safe YAML with line numbers, and the file guards."""

from __future__ import annotations

from briefing_tui.yamlio import LineDict, LineList, load_yaml, parse_yaml, read_text


def test_lines_of_mappings_keys_and_items():
    data, problems = parse_yaml("a: 1\nitems:\n  - id: x\n    quote: q\n  - id: y\n", "f.yaml")
    assert problems == []
    assert isinstance(data, LineDict) and data.line == 1
    assert data.key_line("items") == 2
    items = data["items"]
    assert isinstance(items, LineList) and items.item_lines == [3, 5]
    assert items[0].line == 3 and items[0].key_line("quote") == 4


def test_python_tag_is_an_error_and_never_executed(tmp_path):
    marker = tmp_path / "executed"
    path = tmp_path / "evil.yaml"
    path.write_text(
        "id: evil\nstatements:\n"
        f"  - !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    data, problems = load_yaml(path, "content/evil.yaml")
    assert data is None
    assert not marker.exists()
    assert len(problems) == 1
    assert problems[0].line == 3
    assert problems[0].code == "yaml.tag_not_allowed"
    assert problems[0].data == {"tag": "!!python/object/apply:os.system"}
    assert str(problems[0]) == (
        "content/evil.yaml:3: de tag '!!python/object/apply:os.system' is niet toegestaan: "
        "inhoudsbestanden bevatten alleen gewone gegevens"
    )


def test_dates_stay_strings_and_yes_is_not_a_boolean():
    data, _ = parse_yaml("date: 2021-03-22\nanswer: yes\nflag: true\nnumber: 45\n", "f.yaml")
    assert data["date"] == "2021-03-22"
    assert data["answer"] == "yes"
    assert data["flag"] is True
    assert data["number"] == 45


def test_duplicate_key_reported_with_its_line():
    _, problems = parse_yaml("id: a\nname: x\nid: b\n", "f.yaml")
    assert [(p.line, p.code, p.data) for p in problems] == [(3, "yaml.duplicate_key", {"key": "id"})]
    assert [str(p) for p in problems] == ["f.yaml:3: sleutel 'id' staat er twee keer"]


def test_syntax_error_has_line():
    data, problems = parse_yaml("id: a\nlist: [1, 2\nother: 3\n", "f.yaml")
    assert data is None
    assert problems[0].line == 3 and problems[0].code == "yaml.invalid"
    assert problems[0].message.startswith("geen geldige YAML: ")


def test_alias_bomb_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    prev = "a"
    for i in range(12):
        name = f"l{i}"
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
        prev = name
    data, problems = parse_yaml("\n".join(lines) + "\n", "f.yaml")
    assert data is None and problems[0].code == "yaml.too_many_aliases"
    assert problems[0].message == "te veel aliassen (meer dan 100); inhoudsbestanden hebben er geen nodig"


def test_guards(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("  \n", encoding="utf-8")
    (problem,) = load_yaml(empty, "e.yaml")[1]
    assert (problem.code, problem.data) == ("file.empty", {"what": "yaml"})
    assert str(problem) == "e.yaml:1: YAML-bestand is leeg"

    comments = tmp_path / "comments.yaml"
    comments.write_text("# nothing here\n", encoding="utf-8")
    (problem,) = load_yaml(comments, "c.yaml")[1]
    assert problem.code == "yaml.no_content"
    assert problem.message == "YAML-bestand heeft geen inhoud (alleen commentaar of lege regels)"

    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"id: x\n\x00\x01\x02")
    (problem,) = load_yaml(binary, "b.yaml")[1]
    assert (problem.code, problem.data, problem.line) == ("file.binary", {"what": "yaml", "offset": 6}, 2)
    assert problem.message == "YAML-bestand is binair, geen tekst (NUL-byte op byte 6)"

    latin = tmp_path / "latin.txt"
    latin.write_bytes("Eerste regel\ntechnologieën\n".encode("latin-1"))
    text, (problem,) = read_text(latin, "l.txt")
    assert text is None
    assert (problem.code, problem.data) == ("file.not_utf8", {"what": "text", "byte": "0xeb", "offset": 24})
    assert problem.message == "tekstbestand is geen UTF-8: ongeldige byte 0xeb op byte 24"
    assert problem.line == 2

    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * 1000 + b"\n")
    (problem,) = load_yaml(huge, "h.yaml", max_bytes=500)[1]
    assert (problem.code, problem.data) == ("file.too_large", {"what": "yaml", "size": 1003, "limit": 500})
    assert problem.message == "YAML-bestand is te groot (1.003 bytes; de grens is 500 bytes)"


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\n")
    data, problems = load_yaml(path, "bom.yaml")
    assert problems == [] and data == {"id": "x"}
