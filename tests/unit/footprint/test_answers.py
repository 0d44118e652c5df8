"""Validation of the learner's answers: every bad input names its field, nothing is guessed."""
import copy

import pytest

from xblocks.footprint.engine.answers import AnswerError, default_answers, validate_answers


def answers_with(change):
    answers = default_answers()
    change(answers)
    return answers


def test_defaults_are_valid_and_cleaned_to_numbers():
    clean = validate_answers(default_answers())
    assert clean["devices"]["smartphone"] == {"count": 1, "years": 3.0, "refurbished": False}
    assert isinstance(clean["emails"]["per_week"], int)


@pytest.mark.parametrize("change, field", [
    (lambda a: a["video"].update(script="<b>x</b>"), "video.script"),
    (lambda a: a.update(unexpected=1), "unexpected"),
    (lambda a: a["business"].update(admin=True), "business.admin"),
    (lambda a: a["devices"]["tv"].update(price=300), "devices.tv.price"),
    (lambda a: a["business"]["devices"]["laptop"].update(owner="x"), "business.devices.laptop.owner"),
    (lambda a: a["ai"].update({"x" * 500: 1}), "ai." + "x" * 40),
])
def test_keys_the_form_does_not_ask_are_refused_by_name(change, field):
    with pytest.raises(AnswerError) as caught:
        validate_answers(answers_with(change))
    assert caught.value.field == field and "not a question of this form" in caught.value.message


@pytest.mark.parametrize("change, field, words", [
    (lambda a: a["video"].update(hours_per_week=-1), "video.hours_per_week", "between 0 and 112"),
    (lambda a: a["video"].update(hours_per_week="7"), "video.hours_per_week", "must be a number"),
    (lambda a: a["video"].update(hours_per_week=True), "video.hours_per_week", "must be a number"),
    (lambda a: a["video"].update(hours_per_week=1e12), "video.hours_per_week", "between"),
    (lambda a: a["video"].update(hours_per_week=float("nan")), "video.hours_per_week", "must be a number"),
    (lambda a: a["video"].update(quality="8k"), "video.quality", "not allowed"),
    (lambda a: a["calls"].pop("network"), "calls.network", "is missing"),
    (lambda a: a.pop("country"), "country", "is missing"),
    (lambda a: a.update(country="XX"), "country", "not allowed"),
    (lambda a: a["emails"].update(per_week=2.5), "emails.per_week", "whole number"),
    (lambda a: a["emails"].update(with_attachment_per_week=40), "emails.with_attachment_per_week", "cannot be more"),
    (lambda a: a["devices"]["smartphone"].update(count=21), "devices.smartphone.count", "between 0 and 20"),
    (lambda a: a["devices"]["smartphone"].update(years=0), "devices.smartphone.years", "at least half a year"),
    (lambda a: a["devices"]["laptop"].update(refurbished="yes"), "devices.laptop.refurbished", "yes or no"),
    (lambda a: a["devices"].update(toaster={"count": 1, "years": 2, "refurbished": False}), "devices", "not allowed"),
    (lambda a: a["devices"].pop("tv"), "devices.tv", "is missing"),
    (lambda a: a.update(web=[10]), "web", "wrong shape"),
    (lambda a: a["business"].update(hosting_country="Mars"), "business.hosting_country", "not allowed"),
    (lambda a: a["business"].update(green_hosting_percent=101), "business.green_hosting_percent", "between 0 and 100"),
    (lambda a: a["business"]["devices"]["laptop"].update(count=-1), "business.devices.laptop.count", "between"),
])
def test_bad_answer_names_its_field(change, field, words):
    with pytest.raises(AnswerError) as caught:
        validate_answers(answers_with(change))
    error = caught.value
    assert error.field == field
    assert words in error.message % {"field_name": error.params["field_name"], **error.params}
    assert error.params["field_name"]  # a label the learner can read


def test_not_a_dict_is_refused():
    with pytest.raises(AnswerError):
        validate_answers(["not", "answers"])


def test_validation_does_not_change_the_input():
    answers = default_answers()
    before = copy.deepcopy(answers)
    validate_answers(answers)
    assert answers == before
