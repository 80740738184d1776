"""The settings file: where it goes, what it keeps, and that damage never stops the app."""

from __future__ import annotations

import json

from briefing_tui.settings import Settings
from briefing_tui.workspace import config_dir


def test_settings_follow_brief_config_or_the_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "mine"))
    assert config_dir() == tmp_path / "mine"
    monkeypatch.delenv("BRIEFING_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_dir() == tmp_path / "xdg" / "briefing-tui"  # Linux: the XDG convention


def test_round_trip_and_last_briefing_per_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "cfg"))
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "a.yaml").write_text("title: A\n", encoding="utf-8")
    s = Settings.load()
    assert s.theme is None and s.last_briefing_in(folder) is None
    s.theme = "nord"
    s.remember_briefing(folder, folder / "a.yaml")
    s.save()
    data = json.loads((tmp_path / "cfg" / "settings.json").read_text(encoding="utf-8"))
    assert data["theme"] == "nord"
    again = Settings.load()
    assert again.theme == "nord"
    assert again.last_briefing_in(folder) == (folder / "a.yaml").resolve()
    assert again.last_briefing_in(tmp_path) is None  # another briefings folder: nothing
    (folder / "a.yaml").unlink()
    assert again.last_briefing_in(folder) is None  # gone since


def test_damaged_or_foreign_files_mean_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path))
    for text in ("{ kapot", "[1, 2]", '{"theme": 3, "last_briefing": "x"}'):
        (tmp_path / "settings.json").write_text(text, encoding="utf-8")
        s = Settings.load()
        assert s.theme is None and s.last_briefing == {}
