"""Respondents' text as staff read it: isolated, escaped, direction controls shown."""

from django.template import Context, Template

from govuk.templatetags.respondent_text import (
    DIRECTION_CONTROLS,
    respondent_text,
    respondent_text_lines,
)

RLO = "\u202e"
PDF = "\u202c"


def test_text_is_isolated_in_bdi():
    assert respondent_text("Hackney Council") == "<bdi>Hackney Council</bdi>"


def test_an_override_is_shown_as_a_marker_not_obeyed():
    html = respondent_text(f"invoice{RLO}fdp.exe")
    assert RLO not in html
    assert html == (
        '<bdi>invoice<span class="respondent-control" '
        'title="Right-to-left override">⟨U+202E⟩</span>fdp.exe</bdi>'
    )


def test_every_direction_control_is_made_visible():
    controls = [
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
        "\u200e",
        "\u200f",
        "\u061c",
    ]
    html = respondent_text("".join(controls))
    assert not DIRECTION_CONTROLS.search(html)
    for control in controls:
        assert f"⟨U+{ord(control):04X}⟩" in html


def test_text_is_escaped_around_the_markers():
    html = respondent_text(f'<script>{RLO}"&{PDF}</script>')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&quot;&amp;" in html


def test_right_to_left_words_are_kept():
    # Arabic and Hebrew text is the respondent's, not a control: left as it is.
    assert respondent_text("مرحبا שלום") == "<bdi>مرحبا שלום</bdi>"


def test_empty_and_missing_text_render_nothing():
    assert respondent_text("") == ""
    assert respondent_text(None) == ""


def test_lines_keep_the_respondent_line_breaks():
    assert respondent_text_lines("one\r\ntwo\nthree<") == (
        "<bdi>one<br>two<br>three&lt;</bdi>"
    )


def test_filters_load_in_templates():
    template = Template("{% load respondent_text %}{{ value|respondent_text }}")
    html = template.render(Context({"value": f"a{RLO}b"}))
    assert html.startswith("<bdi>a<span") and RLO not in html
