"""A catalog file for another language changes what the chat says, with no code change."""

from pathlib import Path

import pytest
from telegram import Update

from bot import i18n

GERMAN_PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Hi {name}, I'm Steady 🌱"
msgstr "Hallo {name}, ich bin Steady 🌱"

msgid "Sounds good ✓"
msgstr "Passt ✓"

msgid "{count} day"
msgid_plural "{count} days"
msgstr[0] "{count} Tag"
msgstr[1] "{count} Tage"
"""


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Ship a German catalog in a locales folder of its own, for this test only."""
    folder = tmp_path / "locales" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(GERMAN_PO, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path / "locales")
    i18n.available.cache_clear()
    yield
    i18n.available.cache_clear()
    i18n._translations.cache_clear()


def _from(payload: dict, language: str) -> dict:
    for key in ("message", "callback_query"):
        if key in payload:
            payload[key]["from"]["language_code"] = language
    return payload


async def test_a_german_catalog_changes_the_chat(german, app, fake_api, no_errors):
    async def say(text: str, language: str) -> None:
        payload = _from(fake_api.message_update(42, text), language)
        await app.process_update(Update.de_json(payload, app.bot))

    await say("/start", "de-DE")
    assert fake_api.sent_to(42)[0]["text"].startswith("Hallo Sam, ich bin Steady")
    await say("UTC", "de")
    await say("/start", "en")  # someone else on the same bot, or the same person switching
    assert fake_api.sent_to(42)[-2]["text"].startswith("Hi Sam, I'm Steady")


def test_plurals_and_fallback_follow_the_language(german):
    with i18n.use_language("de"):
        assert i18n.ngettext("{count} day", "{count} days", 1) == "{count} Tag"
        assert i18n.ngettext("{count} day", "{count} days", 3) == "{count} Tage"
        assert i18n._("Not translated yet") == "Not translated yet"
    with i18n.use_language("pt-BR"):  # no catalog: English
        assert i18n.current_language() == "en"
