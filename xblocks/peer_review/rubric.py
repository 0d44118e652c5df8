"""Rubric, review policy and grade arithmetic for peer review.

Plain Python: no Django, no XBlock. The block builds these from its fields, the Django app uses
them to validate assessments and to compute grades, and both are tested alone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import mean

MAX_COMMENT_CHARS = 2000
MAX_OVERALL_COMMENT_CHARS = 4000
MAX_NAME_CHARS = 64
AGGREGATIONS = ("median", "mean")


class RubricError(ValueError):
    """An assessment or a rubric does not fit the rules.

    ``message`` is an English source string (marked for translation where it is raised);
    ``field`` names the criterion or key at fault, ``params`` fill the message's placeholders.
    """

    def __init__(self, message, field=None, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field
        self.params = params


def N_(message):
    """Mark a string for extraction; the block translates it when it shows the error."""
    return message


@dataclass(frozen=True)
class Level:
    name: str
    label: str
    points: int
    description: str = ""


@dataclass(frozen=True)
class Criterion:
    name: str
    label: str
    prompt: str
    levels: tuple[Level, ...]

    @property
    def max_points(self) -> int:
        return max(level.points for level in self.levels)

    def level(self, name) -> Level | None:
        for level in self.levels:
            if level.name == name:
                return level
        return None


@dataclass(frozen=True)
class Rubric:
    criteria: tuple[Criterion, ...]

    @property
    def max_points(self) -> int:
        return sum(criterion.max_points for criterion in self.criteria)

    def criterion(self, name) -> Criterion | None:
        for criterion in self.criteria:
            if criterion.name == name:
                return criterion
        return None

    def to_dict(self) -> dict:
        return {"criteria": [
            {"name": c.name, "label": c.label, "prompt": c.prompt,
             "levels": [{"name": lv.name, "label": lv.label, "points": lv.points,
                         "description": lv.description} for lv in c.levels]}
            for c in self.criteria]}

    @classmethod
    def from_dict(cls, data) -> "Rubric":
        """Build and check a rubric; raise RubricError when an author made it unusable."""
        if not isinstance(data, dict) or not isinstance(data.get("criteria"), list):
            raise RubricError(N_("The rubric needs a list of criteria."))
        criteria = []
        seen = set()
        for raw in data["criteria"]:
            criterion = _criterion_from_dict(raw)
            if criterion.name in seen:
                raise RubricError(N_("Two criteria have the same name: %(name)s."),
                                  field=criterion.name, name=criterion.name)
            seen.add(criterion.name)
            criteria.append(criterion)
        if not criteria:
            raise RubricError(N_("The rubric needs at least one criterion."))
        return cls(tuple(criteria))


def _clean_name(value, what):
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME_CHARS:
        raise RubricError(N_("Each %(what)s needs a short name (at most 64 characters)."),
                          what=what)
    return value.strip()


def _criterion_from_dict(raw) -> Criterion:
    if not isinstance(raw, dict):
        raise RubricError(N_("Each criterion must be a group of settings."))
    name = _clean_name(raw.get("name"), N_("criterion"))
    levels = []
    level_names = set()
    for raw_level in raw.get("levels") or []:
        if not isinstance(raw_level, dict):
            raise RubricError(N_("Each level must be a group of settings."), field=name)
        level_name = _clean_name(raw_level.get("name"), N_("level"))
        points = raw_level.get("points")
        if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= 100:
            raise RubricError(N_("Level points must be whole numbers from 0 to 100."), field=name)
        if level_name in level_names:
            raise RubricError(N_("Two levels of %(name)s have the same name."), field=name, name=name)
        level_names.add(level_name)
        levels.append(Level(level_name, str(raw_level.get("label") or level_name), points,
                            str(raw_level.get("description") or "")))
    if len(levels) < 2:
        raise RubricError(N_("Criterion %(name)s needs at least two levels."), field=name, name=name)
    return Criterion(name, str(raw.get("label") or name), str(raw.get("prompt") or ""), tuple(levels))


@dataclass(frozen=True)
class ReviewPolicy:
    """How many reviews, how long a lease lasts, when the requirement relaxes, how to grade."""

    reviews_required: int = 3          # reviews a submission needs for its grade
    reviews_to_give: int = 3           # reviews a learner gives to complete the step
    lease_minutes: int = 240           # an unfinished review goes back to the pool after this
    flexible_after_hours: int = 72     # after this, fewer reviews suffice and mentors see it
    flexible_reviews_required: int = 1
    aggregation: str = "median"
    count_mentor_reviews: bool = False
    count_self_assessment: bool = False
    graded: bool = True                # False: formative, no score is ever written
    weight: int | None = None          # points the grade is scaled to; None = rubric points
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_dict(cls, data) -> "ReviewPolicy":
        data = dict(data or {})
        ints = {"reviews_required": (1, 20), "reviews_to_give": (0, 20), "lease_minutes": (1, 60 * 24 * 14),
                "flexible_after_hours": (0, 24 * 365), "flexible_reviews_required": (0, 20)}
        values = {}
        for key, (low, high) in ints.items():
            value = data.get(key, getattr(cls, key))
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise RubricError(N_("Setting %(key)s must be a whole number from %(low)s to %(high)s."),
                                  field=key, key=key, low=low, high=high)
            values[key] = value
        aggregation = data.get("aggregation", "median")
        if aggregation not in AGGREGATIONS:
            raise RubricError(N_("Grading must be median or mean."), field="aggregation")
        weight = data.get("weight")
        if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int) or weight < 0):
            raise RubricError(N_("The weight must be a whole number of points, 0 or more."), field="weight")
        values["flexible_reviews_required"] = min(values["flexible_reviews_required"],
                                                  values["reviews_required"])
        return cls(aggregation=aggregation, weight=weight,
                   count_mentor_reviews=bool(data.get("count_mentor_reviews", False)),
                   count_self_assessment=bool(data.get("count_self_assessment", False)),
                   graded=bool(data.get("graded", True)), **values)

    def to_dict(self) -> dict:
        return {key: getattr(self, key) for key in (
            "reviews_required", "reviews_to_give", "lease_minutes", "flexible_after_hours",
            "flexible_reviews_required", "aggregation", "count_mentor_reviews",
            "count_self_assessment", "graded", "weight")}

    def reviews_needed(self, waited_hours: float) -> int:
        """Reviews a submission needs for its grade after waiting this long (flexible grading)."""
        if self.flexible_reviews_required and waited_hours >= self.flexible_after_hours:
            return self.flexible_reviews_required
        return self.reviews_required

    def points_possible(self, rubric: Rubric) -> int:
        if not self.graded:
            return 0
        return rubric.max_points if self.weight is None else self.weight


def clean_assessment(rubric: Rubric, payload, *, require_all=True) -> dict:
    """Check an assessment against the rubric and return its clean form.

    Every criterion must get one of its levels (unless ``require_all`` is False, for drafts);
    comments are plain text with a length limit. Raise RubricError naming the fault.
    """
    if not isinstance(payload, dict):
        raise RubricError(N_("The review could not be read."))
    scores = payload.get("scores", {})
    comments = payload.get("comments", {})
    overall = payload.get("overall_comment", "")
    if not isinstance(scores, dict) or not isinstance(comments, dict):
        raise RubricError(N_("The review could not be read."))
    if not isinstance(overall, str):
        raise RubricError(N_("The overall comment must be text."), field="overall_comment")
    if len(overall) > MAX_OVERALL_COMMENT_CHARS:
        raise RubricError(N_("The overall comment is too long (at most %(limit)s characters)."),
                          field="overall_comment", limit=MAX_OVERALL_COMMENT_CHARS)
    for name in list(scores) + list(comments):
        if rubric.criterion(name) is None:
            raise RubricError(N_("Unknown criterion: %(name)s."), field=str(name)[:MAX_NAME_CHARS],
                              name=str(name)[:MAX_NAME_CHARS])
    clean_scores, clean_comments = {}, {}
    for criterion in rubric.criteria:
        chosen = scores.get(criterion.name)
        if chosen is None:
            if require_all:
                raise RubricError(N_("Choose a level for %(label)s."), field=criterion.name,
                                  label=criterion.label)
        elif not isinstance(chosen, str) or criterion.level(chosen) is None:
            raise RubricError(N_("This level does not exist for %(label)s."), field=criterion.name,
                              label=criterion.label)
        else:
            clean_scores[criterion.name] = chosen
        comment = comments.get(criterion.name, "")
        if not isinstance(comment, str):
            raise RubricError(N_("Comments must be text."), field=criterion.name)
        if len(comment) > MAX_COMMENT_CHARS:
            raise RubricError(N_("A comment is too long (at most %(limit)s characters)."),
                              field=criterion.name, limit=MAX_COMMENT_CHARS)
        if comment.strip():
            clean_comments[criterion.name] = comment.strip()
    return {"scores": clean_scores, "comments": clean_comments, "overall_comment": overall.strip()}


def assessment_points(rubric: Rubric, scores: dict) -> dict:
    """Points per criterion for a clean assessment's ``scores``."""
    return {c.name: c.level(scores[c.name]).points for c in rubric.criteria
            if c.name in scores and c.level(scores[c.name]) is not None}


def aggregate(points: list[int], method: str) -> int:
    """Median (the mean of the two middle values, rounded up, as ORA2 does) or mean, rounded
    half up; integer because edx-submissions stores whole points."""
    if not points:
        raise ValueError("no points to aggregate")
    ordered = sorted(points)
    if method == "median":
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return math.ceil((ordered[middle - 1] + ordered[middle]) / 2)
    return math.floor(mean(ordered) + 0.5)


def compute_grade(rubric: Rubric, policy: ReviewPolicy, assessments: list[dict]) -> dict:
    """Per-criterion aggregate and total, from the assessments that count.

    ``assessments`` are dicts with ``scores`` (criterion → level name). The caller chooses
    which count (peer; mentor and self only when the policy says so). Returns
    ``{"criteria": {name: points}, "points_earned": int, "rubric_points": int}``.
    """
    by_criterion = {c.name: [] for c in rubric.criteria}
    for assessment in assessments:
        for name, points in assessment_points(rubric, assessment["scores"]).items():
            by_criterion[name].append(points)
    criteria = {name: aggregate(values, policy.aggregation) if values else 0
                for name, values in by_criterion.items()}
    return {"criteria": criteria, "points_earned": sum(criteria.values()),
            "rubric_points": rubric.max_points}


def scale_points(points_earned: int, rubric_points: int, points_possible: int) -> int:
    """Scale rubric points to the block's weight, rounded half up, as a whole number."""
    if rubric_points <= 0 or points_possible <= 0:
        return 0
    if points_possible == rubric_points:
        return points_earned
    return math.floor(points_earned * points_possible / rubric_points + 0.5)


def calibration_differences(rubric: Rubric, expected_scores: dict, learner_scores: dict) -> list[dict]:
    """Where a learner's scoring of an example differs from the trainer's (calibration step)."""
    differences = []
    for criterion in rubric.criteria:
        expected = expected_scores.get(criterion.name)
        given = learner_scores.get(criterion.name)
        if expected is not None and given != expected:
            differences.append({"criterion": criterion.name, "label": criterion.label,
                                "expected": expected, "given": given})
    return differences
