"""Telegram's HTML parse mode: what it refuses, with Telegram's words, and what a chat shows."""

import pytest

from localchat.parse_mode import HtmlError, parse_html

# "🏟 🏟&lt;" is 13 bytes of UTF-8, so the tag that follows starts at byte offset 13.
LEAD = "🏟 🏟&lt;"


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("Welcome back, Anna <3", "Unclosed start tag at byte offset 19"),
        ("2 < 3 drinks", 'Unsupported start tag "" at byte offset 2'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        (f"{LEAD}<abacaba", "Unclosed start tag at byte offset 13"),
        (f"{LEAD}<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        (f"{LEAD}<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        (
            f"{LEAD}<i    aba>",
            'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13',
        ),
        (f"{LEAD}<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        (f"{LEAD}<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        (f'{LEAD}<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
        (f"{LEAD}</", "Unexpected end tag at byte offset 13"),
        (f"{LEAD}<b></b></", "Unexpected end tag at byte offset 20"),
        (f"{LEAD}<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (
            f"{LEAD}<i>a</em   >",
            'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
        ),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("&#57311;", "Text contains invalid Unicode characters"),
    ],
)
def test_invalid_html_is_refused_with_telegrams_description(html: str, error: str) -> None:
    with pytest.raises(HtmlError) as refused:
        parse_html(html)
    assert str(refused.value).startswith(error)


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("&lt;&gt;&amp;&quot;&laquo;&raquo;&#12345678;", '<>&"&laquo;&raquo;&#12345678;'),
        ("Tom & Jerry > 3 &nbsp;", "Tom & Jerry > 3 &nbsp;"),
        ("&#65;&#x42;&lt", "AB<"),
        ("🏟 🏟<i>🏟 &lt🏟</i>", "🏟 🏟🏟 <🏟"),
        ("<b aba   =   caba>x</b><i>y</>", "xy"),
        ("<B>loud</b> <i>a</i   >", "loud a"),
        ('<a href="https://example.com/?a=1&amp;b=2">link</a>', "link"),
        (
            "<tg-spoiler>s</tg-spoiler><span class=\"tg-spoiler\">t</span><span class='tg-spoiler'>u</span>",
            "stu",
        ),
        (
            "<strong>1</strong><em>2</em><u>3</u><ins>4</ins><s>5</s><strike>6</strike><del>7</del>",
            "1234567",
        ),
        ('<pre><code class="language-python">x = 1</code></pre><code>y</code>', "x = 1y"),
        ("<blockquote>q</blockquote><blockquote expandable>long</blockquote>", "qlong"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
    ],
)
def test_valid_html_shows_its_text(html: str, shown: str) -> None:
    assert parse_html(html) == shown
