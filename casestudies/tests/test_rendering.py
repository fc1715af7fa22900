"""Markdown from editors is rendered and sanitised."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from casestudies.rendering import ALLOWED_TAGS, render_markdown


def test_markdown_becomes_govuk_styled_html():
    html = render_markdown("## What they did\n\n- **Learn**\n- Review\n")
    assert '<h2 class="govuk-heading-m">What they did</h2>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert "<strong>Learn</strong>" in html


def test_script_and_its_content_are_removed():
    html = render_markdown("Hello <script>alert('x')</script> world")
    assert "<script" not in html
    assert "alert" not in html


def test_raw_html_attributes_and_event_handlers_are_removed():
    html = render_markdown(
        '<img src="x" onerror="alert(1)"> <p style="color:red" onclick="x()">Hi</p>'
        "<iframe src='https://example.com'></iframe>"
    )
    for fragment in ("<img", "onerror", "style=", "onclick", "<iframe"):
        assert fragment not in html
    assert "Hi" in html


def test_javascript_links_lose_their_address():
    html = render_markdown("[click](javascript:alert(1)) [ok](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer"' in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"<>/\"'= \n#*[]()", "script", "onerror", "img", "javascript:", "a href"]
        )
    ).map("".join)
)
def test_no_script_tag_or_handler_survives_any_input(text):
    parser = _TagCollector()
    parser.feed(render_markdown(text))
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript")
