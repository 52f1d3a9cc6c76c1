"""Telegram's HTML parse mode: the text a chat shows, or the error Telegram answers with.

This follows the Bot API's "HTML style" and the parser behind it (tdlib's parse_html): only the
listed tags, the entities &lt; &gt; &amp; &quot; and numeric ones, and byte offsets in UTF-8,
so a message that Telegram would refuse is refused here too, with the same description.
"""

from __future__ import annotations

TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
     "tg-emoji", "code", "pre", "blockquote"}
)  # fmt: skip
NAMED_ENTITIES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
# tdlib counts the end of the text (its NUL terminator) as a space.
SPACES = frozenset(b" \t\r\n\v\0")
LT, GT, AMP, SLASH, EQUALS, SEMICOLON = b"<>&/=;"
QUOTES = frozenset(b"\"'")
NAME_TOKEN = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
HEX_DIGITS = frozenset(b"0123456789abcdefABCDEF")
DIGITS = frozenset(b"0123456789")
SURROGATES = "Text contains invalid Unicode characters after decoding HTML entities, check for \
unmatched surrogate code units"


class HtmlError(ValueError):
    """HTML that Telegram refuses; the message is Telegram's, after "can't parse entities: "."""


def plain_text(text: str, parse_mode: str | None) -> str:
    """Return text as a chat shows it: parsed when parse_mode is HTML, else as it is."""
    return parse_html(text) if (parse_mode or "").lower() == "html" else text


def parse_html(text: str) -> str:
    """Return the plain text Telegram shows for HTML, or raise HtmlError as Telegram would."""
    return _HtmlParser(text.encode("utf-8")).parse()


def decode_entity(data: bytes, pos: int) -> tuple[str, int] | None:
    """Decode the entity at data[pos] ("&"), as (character, end); None when it is not one."""
    end, code = pos + 1, 0
    if data[end : end + 1] == b"#":
        end += 1
        digits, base = (HEX_DIGITS, 16) if data[end : end + 1] == b"x" else (DIGITS, 10)
        end += base == 16
        while end < len(data) and data[end] in digits:
            code = code * base + int(chr(data[end]), base)
            end += 1
            if code >= 0x10FFFF:
                return None
        if code == 0 or end - pos >= 10:
            return None  # Telegram leaves such text as it is
        character = chr(code)
    else:
        while end < len(data) and chr(data[end]).isascii() and chr(data[end]).isalpha():
            end += 1
        named = NAMED_ENTITIES.get(data[pos + 1 : end])
        if named is None:
            return None  # e.g. &nbsp; stays as typed: only four named entities are known
        character = named
    return character, end + (data[end : end + 1] == b";")


class _HtmlParser:
    """One pass over the UTF-8 bytes, keeping the open tags on a stack."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.out: list[str] = []
        self.shown = 0  # characters in out so far
        self.open_tags: list[tuple[str, str, int]] = []  # name, argument, shown when opened
        self.pos = 0

    def at(self, index: int) -> int:
        """Return the byte at index, or 0 past the end (tdlib reads the NUL terminator)."""
        return self.data[index] if index < len(self.data) else 0

    def parse(self) -> str:
        """Return the shown text; raise HtmlError on what Telegram refuses."""
        start = 0
        while self.pos < len(self.data):
            byte = self.data[self.pos]
            if byte == AMP and (entity := decode_entity(self.data, self.pos)) is not None:
                self._take_text(start)
                if 0xD800 <= ord(entity[0]) <= 0xDFFF:
                    raise HtmlError(SURROGATES)
                self._show(entity[0])
                self.pos = start = entity[1]
            elif byte == LT:
                self._take_text(start)
                if self.at(self.pos + 1) == SLASH:
                    self._end_tag()
                else:
                    self._start_tag()
                start = self.pos
            else:
                self.pos += 1
        self._take_text(start)
        if self.open_tags:
            name = self.open_tags[-1][0]
            raise HtmlError(f'Can\'t find end tag corresponding to start tag "{name}"')
        return "".join(self.out)

    def _take_text(self, start: int) -> None:
        """Show the plain bytes from start up to the current position."""
        # "<" and "&" never occur inside a multi-byte character, so this cut is whole.
        self._show(self.data[start : self.pos].decode("utf-8"))

    def _show(self, text: str) -> None:
        """Append text to what the chat shows."""
        self.out.append(text)
        self.shown += len(text)

    def _start_tag(self) -> None:
        """Read <name attr=value ...>, leaving pos after the ">"."""
        begin = self.pos
        self.pos += 1
        while self.at(self.pos) not in SPACES and self.at(self.pos) != GT:
            self.pos += 1
        if self.at(self.pos) == 0:
            raise HtmlError(f"Unclosed start tag at byte offset {begin}")
        name = self.data[begin + 1 : self.pos].decode("utf-8", "replace").lower()
        if name not in TAGS:
            raise HtmlError(f'Unsupported start tag "{name}" at byte offset {begin}')
        argument = ""
        while self.at(self.pos) != GT:
            argument = self._attribute(name, begin) or argument
        if name == "span" and argument != "spoiler":
            raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        self.open_tags.append((name, argument, self.shown))
        self.pos += 1

    def _attribute(self, tag: str, begin: int) -> str | None:
        """Read one attribute of tag; return the tag's argument when the attribute sets it."""
        self._skip_spaces()
        if self.at(self.pos) == GT:
            return None
        name_start = self.pos
        while self.at(self.pos) not in SPACES and self.at(self.pos) not in (EQUALS, GT):
            self.pos += 1
        name = self.data[name_start : self.pos].decode("utf-8", "replace")
        if not name:
            raise HtmlError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        self._skip_spaces()
        if self.at(self.pos) != EQUALS:
            if tag == "blockquote" and name == "expandable":
                return "expandable"
            raise HtmlError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {begin}"
            )
        self.pos += 1
        self._skip_spaces()
        if self.at(self.pos) == 0:
            raise HtmlError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        value = self._attribute_value()
        if self.at(self.pos) == 0:
            raise HtmlError(f"Unclosed start tag at byte offset {begin}")
        return _argument(tag, name, value)

    def _attribute_value(self) -> str:
        """Read a quoted string (entities decoded) or a bare name token (lowercased)."""
        if self.at(self.pos) not in QUOTES:
            token_start = self.pos
            while self.at(self.pos) in NAME_TOKEN:
                self.pos += 1
            if self.at(self.pos) not in SPACES and self.at(self.pos) != GT:
                raise HtmlError(f"Unexpected end of name token at byte offset {token_start}")
            return self.data[token_start : self.pos].decode("ascii").lower()
        quote, value = self.at(self.pos), []
        self.pos += 1
        start = self.pos
        while self.at(self.pos) not in (quote, 0):
            if self.at(self.pos) == AMP and (entity := decode_entity(self.data, self.pos)):
                value += [self.data[start : self.pos].decode("utf-8", "replace"), entity[0]]
                self.pos = start = entity[1]
            else:
                self.pos += 1
        value.append(self.data[start : self.pos].decode("utf-8", "replace"))
        self.pos += self.at(self.pos) == quote
        return "".join(value)

    def _end_tag(self) -> None:
        """Read </name> (or </>), which must close the innermost open tag."""
        begin = self.pos
        if not self.open_tags:
            raise HtmlError(f"Unexpected end tag at byte offset {begin}")
        self.pos += 2
        while self.at(self.pos) not in SPACES and self.at(self.pos) != GT:
            self.pos += 1
        name = self.data[begin + 2 : self.pos].decode("utf-8", "replace").lower()
        self._skip_spaces()
        if self.at(self.pos) != GT:
            raise HtmlError(f"Unclosed end tag at byte offset {begin}")
        expected, argument, opened_at = self.open_tags.pop()
        if name and name != expected:
            raise HtmlError(
                f'Unmatched end tag at byte offset {begin}, expected "</{expected}>", '
                f'found "</{name}>"'
            )
        if expected == "tg-emoji" and self.shown > opened_at and not argument.isdigit():
            raise HtmlError("Invalid custom emoji identifier specified")
        self.pos += 1

    def _skip_spaces(self) -> None:
        """Move past spaces, stopping at the end of the text."""
        while self.at(self.pos) != 0 and self.at(self.pos) in SPACES:
            self.pos += 1


def _argument(tag: str, attribute: str, value: str) -> str | None:
    """Return what an attribute means to its tag (a link, a language, a class), if anything."""
    if (tag, attribute) in {("a", "href"), ("tg-emoji", "emoji-id")}:
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    return None
