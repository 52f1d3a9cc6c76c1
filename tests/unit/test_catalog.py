"""The catalog template holds every user-facing text: `make messages` keeps it current."""

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from bot import i18n

ROOT = Path(__file__).resolve().parents[2]


def _extracted() -> set[str | tuple[str, ...]]:
    found = extract_from_dir(
        str(ROOT),
        method_map=[("bot/**.py", "python")],
        keywords=DEFAULT_KEYWORDS,
    )
    return {message for _file, _line, message, _comments, _context in found}


def _template() -> set[str | tuple[str, ...]]:
    with (i18n.LOCALES / "messages.pot").open("rb") as source:
        catalog = read_po(source)
    return {message.id for message in catalog if message.id}


def test_the_catalog_template_is_current():
    extracted, template = _extracted(), _template()
    assert extracted - template == set(), "new texts: run `make messages`"
    assert template - extracted == set(), "texts gone from the code: run `make messages`"


def test_every_shipped_catalog_compiles_and_keeps_placeholders():
    for language in i18n.available() - {i18n.SOURCE_LANGUAGE}:
        with (i18n.LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
            catalog = read_po(source, locale=language)
        for message in catalog:
            if message.id and message.string:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                wanted = {part for text in ids for part in _placeholders(text)}
                for text in strings:
                    assert _placeholders(text) <= wanted, (language, message.id)


def _placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"\{(\w+)\}", text))
