"""The route map's data, from the roadmap's content (roadmap.routemap draws it).

Lines come from the domains in the database and stations from the stages, so a
new area is a new line with no template change.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator, slugify

from roadmap import routemap, scoring
from roadmap.journey import COMPARISON_MINIMUM, matching_case_studies
from roadmap.models import DomainDescription, DomainStage, StageDescription
from vocabulary.choices import Stage

# Enough of "what it looks like" for a preview card: a couple of lines.
PREVIEW_WORDS = 30
# Stage addresses read as the stage's name, and never change when a title is edited.
STAGE_SLUGS = {stage.value: slugify(stage.label) for stage in Stage}
STAGES_BY_SLUG = {slug: code for code, slug in STAGE_SLUGS.items()}
# The shade bands of the survey's figure on the map, lightest first: (band, words).
SHADE_BANDS = ((1, "0 to 24%"), (2, "25 to 49%"), (3, "50 to 74%"), (4, "75 to 100%"))


@dataclass(frozen=True)
class JourneyMap:
    """The map in both orientations; the template shows one at a time."""

    horizontal: routemap.RouteMap
    vertical: routemap.RouteMap
    shows_spread: bool = False
    # The survey figures the map is shaded by: (area title, station_baseline).
    survey: tuple[tuple[str, dict], ...] = ()

    @property
    def survey_release(self) -> dict | None:
        """The release the shading comes from (its wave, date, demo marking)."""
        return self.survey[0][1] if self.survey else None


def stage_slug(code: str) -> str:
    """The address part for a stage code: "informed" -> "trauma-informed"."""
    return STAGE_SLUGS.get(code, slugify(code))


def station_url(domain_slug: str, stage_code: str, sector: str = "") -> str:
    """The address of a station page, keeping the chosen sector."""
    url = reverse("roadmap:station", args=[domain_slug, stage_slug(stage_code)])
    return f"{url}?sector={sector}" if sector else url


def preview(cell: DomainStage | None) -> str:
    """The first lines of what a station looks like, for its preview card."""
    if cell is None:
        return "This stage has not been described for this area yet."
    return Truncator(cell.looks_like).words(PREVIEW_WORDS)


def shade_band(percent: int | None) -> int:
    """The shade band for a published percentage; 0 (no shade) when not shown."""
    if percent is None:
        return 0
    return min(int(percent) // 25 + 1, len(SHADE_BANDS))


def _survey_figure(found: dict | None) -> tuple[str, routemap.StationInfo]:
    """A line's figure, and a station's shade and words, from station_baseline."""
    if not found:
        return "", routemap.StationInfo()
    survey = "demo survey" if found["is_demo"] else "survey"
    if found["percent"] is None:
        return "Not shown", routemap.StationInfo(
            shade_words=f"{survey}: figure not shown, too few answered"
        )
    figure = f"{found['percent']}%"
    return figure, routemap.StationInfo(
        shade=shade_band(found["percent"]),
        shade_words=f"{survey}: {figure} {found['said']}",
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def draw_journey_map(
    *,
    domains: Sequence[DomainDescription],
    stages: Sequence[StageDescription],
    cells: Mapping[tuple[str, str], DomainStage],
    sector: str = "",
    case_studies: Sequence | None = None,
    spread: tuple[int, dict] | None = None,
    marks: Mapping[tuple[str, str], str] | None = None,
    start_marks: Mapping[str, str] | None = None,
    links: bool = True,
    survey: Mapping[str, dict] | None = None,
) -> JourneyMap:
    """The route map for the given content, in both orientations.

    ``sector`` is kept in the station links; with ``case_studies`` too, each
    station counts that sector's matching case studies;
    with a ``spread`` (total, counts by domain and stage reached) of at least
    COMPARISON_MINIMUM results, each station also counts the results there.
    With ``survey`` (findings.baseline.area_baselines), each line's stations are
    shaded by the published figure for its area, which is printed beside it.
    """
    marks = marks or {}
    start_marks = start_marks or {}
    survey = survey or {}
    show_spread = spread is not None and spread[0] >= COMPARISON_MINIMUM
    figures = {d.domain: _survey_figure(survey.get(d.domain)) for d in domains}
    lines = [
        routemap.LineSpec(d.slug, d.title, d.number, figure=figures[d.domain][0])
        for d in domains
    ]
    stops = [routemap.StopSpec(s.stage, s.title) for s in stages]
    stations = {}
    starts = {}
    for domain in domains:
        counts = spread[1].get(domain.domain, {}) if show_spread else {}
        shade = figures[domain.domain][1]
        for stage in stages:
            cell = cells.get((domain.domain, stage.stage))
            notes = []
            if sector and case_studies is not None:
                found = (
                    len(
                        matching_case_studies(
                            cell, case_studies, sector=sector, limit=None
                        )
                    )
                    if cell
                    else 0
                )
                notes.append(_plural(found, "case study", "case studies"))
            if show_spread:
                notes.append(_plural(counts.get(stage.stage, 0), "result", "results"))
            stations[(domain.slug, stage.stage)] = routemap.StationInfo(
                url=station_url(domain.slug, stage.stage, sector) if links else "",
                preview=preview(cell),
                notes=tuple(notes),
                mark=marks.get((domain.domain, stage.stage), ""),
                shade=shade.shade,
                shade_words=shade.shade_words,
            )
        start_notes = ()
        if show_spread:
            start_notes = (
                _plural(
                    counts.get(scoring.StageReached.STARTING_OUT, 0),
                    "result",
                    "results",
                ),
            )
        starts[domain.slug] = routemap.StationInfo(
            notes=start_notes, mark=start_marks.get(domain.domain, "")
        )
    release = next(iter(survey.values()), None)
    label = ""
    if release:
        label = "Survey (demo)" if release["is_demo"] else "Survey"
    return JourneyMap(
        horizontal=routemap.draw(
            lines, stops, stations, starts=starts, figure_label=label
        ),
        vertical=routemap.draw(
            lines, stops, stations, starts=starts, vertical=True, figure_label=label
        ),
        shows_spread=show_spread,
        survey=tuple(
            (d.title, survey[d.domain]) for d in domains if d.domain in survey
        ),
    )


def result_marks(results) -> tuple[dict, dict]:
    """ "You are here" and the next station on each line, from a self-assessment result.

    Returns (marks by (domain, stage), marks at the start of a line by domain).
    """
    marks, start_marks = {}, {}
    order = list(Stage)
    for result in results:
        code = result.domain.domain.domain
        reached = result.reached
        if reached == scoring.StageReached.STARTING_OUT:
            start_marks[code] = routemap.HERE
            position = -1
        else:
            marks[(code, reached.value)] = routemap.HERE
            position = order.index(Stage(reached.value))
        if position + 1 < len(order):
            marks[(code, order[position + 1].value)] = routemap.NEXT
    return marks, start_marks


def cells_by_key(cells) -> dict[tuple[str, str], DomainStage]:
    """Cells keyed by (domain code, stage code)."""
    return {(c.domain, c.stage): c for c in cells}
