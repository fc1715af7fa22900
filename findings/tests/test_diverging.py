"""The diverging chart's geometry and colours, without a database."""

from itertools import pairwise

from findings.diverging import SCALE_FILLS, SIDE_FILLS, diverging_chart


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_scale_steps_stay_apart_in_greyscale():
    # Dark, light, lighter, light, dark: neighbours differ in lightness, so a
    # greyscale print still shows where one answer ends and the next begins.
    grey = [_luminance(fill) for fill, _ in SCALE_FILLS]
    assert grey[0] < grey[1] < grey[2] and grey[4] < grey[3] < grey[2]
    for left, right in pairwise(grey):
        light, dark = max(left, right), min(left, right)
        assert (light + 0.05) / (dark + 0.05) >= 1.25


def test_every_value_written_on_a_fill_is_readable():
    for fill, text in [*SCALE_FILLS, *SIDE_FILLS]:
        assert _contrast(fill, text) >= 4.5, fill


def test_neutral_straddles_the_centre_and_side_answers_sit_apart():
    names = ["SD", "D", "N", "A", "SA", "DK", "NA"]
    chart = diverging_chart(
        [("Group", [("A statement", "base 100", [10, 20, 20, 30, 10, 5, 5], names)])],
        names,
    )
    row = chart.groups[0].rows[0]
    neutral = row.segments[2]
    assert neutral.x < chart.centre < neutral.x + neutral.width
    assert abs((neutral.x + neutral.width / 2) - chart.centre) <= 1
    side = row.segments[5:]
    assert all(s.x >= chart.side_left for s in side)
    assert row.lines[-1].endswith("(base 100)")


def test_a_hidden_count_draws_no_segment():
    names = ["SD", "D", "N", "A", "SA", "NA"]
    chart = diverging_chart(
        [("G", [("S", "base 40", [None, 20, 20, 30, None, 5], names)])], names
    )
    widths = [s.width for s in chart.groups[0].rows[0].segments]
    assert widths[0] == 0 and widths[4] == 0 and all(widths[1:4])
