"""What the peer-review views show: learner state, trainer overview, CSV export, JS strings.

Functions here take plain values (results of ``app/api.py``, the rubric, a translation) and return
plain dicts or text; the block passes them to its templates and JavaScript.
"""
import csv
import io

from xblocks.common.i18n import N_
from xblocks.peer_review.artefact import artefact_for_display

# Offered under every comment box, in the learner's language (kind, specific feedback).
SENTENCE_STARTERS = (
    N_("What works well is…"), N_("I wonder whether…"), N_("What if you…"),
    N_("One thing to make clearer is…"), N_("A customer might ask…"),
)

HELPFULNESS_LABELS = {1: N_("Not helpful"), 2: N_("A little helpful"), 3: N_("Helpful"),
                      4: N_("Very helpful"), 5: N_("Extremely helpful")}

LEARNER_JS_STRINGS = (
    N_("Saved"), N_("Saving…"), N_("Not saved"), N_("The connection failed. Please try again."),
    N_("Review %(number)s"), N_("Mentor review"), N_("Your self-assessment"),
    N_("%(points)s of %(max)s points"), N_("Comment on %(criterion)s (optional)"),
    N_("Overall comment"), N_("Sentence starters"), N_("Send my review"), N_("Review sent. Thank you!"),
    N_("How helpful was this review?"), N_("Rate"), N_("Thank you for your rating."),
    N_("Report this review to the trainer"), N_("What is wrong with this review?"), N_("Send report"),
    N_("Reported. The trainer will look at it."), N_("The trainer kept this review after your report."),
    N_("The trainer hid this review after your report."), N_("This review was hidden by the trainer."),
    N_("Time left for this review: until %(time)s"), N_("Nothing to review right now. Come back later: "
                                                       "new work arrives when other learners submit."),
    N_("Review the next piece of work"), N_("You have given %(given)s of %(needed)s reviews."),
    N_("Your grade: %(points)s of %(max)s points"), N_("Given by the trainer"),
    N_("Reviews received: %(received)s of %(needed)s needed. %(progress)s in progress."),
    N_("Overall"), N_("Check"), N_("You scored like the trainer on every criterion."),
    N_("The trainer chose “%(expected)s” for %(criterion)s; you chose “%(given)s”."),
    N_("Example %(number)s"), N_("Send my self-assessment"), N_("Self-assessment saved."),
    N_("Work to review"), N_("Link given by the author:"), N_("(empty)"), N_("Submitted."),
    N_("Submit for review"), N_("Step complete."), N_("not chosen"),
    N_("Your answer"), N_("Link (optional)"), N_("Submit your canvas first, then come back here."),
    N_("I would like to contact this learner (they decide)."),
    N_("This mentor would like to contact you. Accept only if you want to: the mentor will then see your username."),
    N_("Accept"), N_("You accepted. The mentor can now see your username."),
    N_("Learners who accepted your contact request:"),
)

STAFF_JS_STRINGS = (
    N_("Learner"), N_("Submitted"), N_("Reviews received"), N_("Reviews given"), N_("In progress"),
    N_("Grade"), N_("Waiting for"), N_("Override"), N_("Save"), N_("Remove override"),
    N_("Keep"), N_("Hide"), N_("Grade saved."), N_("Decision saved."), N_("needs %(count)s more reviews"),
    N_("must give %(count)s more reviews"), N_("offered to mentors"), N_("lease until %(time)s (%(who)s)"),
    N_("expired lease (%(who)s)"), N_("no grade yet"), N_("Reason (optional)"), N_("Points"),
    N_("Flag reason: %(reason)s"), N_("Open"), N_("Kept"), N_("Hidden"), N_("Nobody is waiting."),
    N_("relaxes in %(hours)s h"), N_("The connection failed. Please try again."), N_("mentor"), N_("No review was reported."),
)



def rubric_for_display(rubric):
    """Criteria with their levels, lowest points first (how learners read a scale)."""
    return [{"name": criterion.name, "label": criterion.label, "prompt": criterion.prompt,
             "max_points": criterion.max_points,
             "levels": [{"name": level.name, "label": level.label, "points": level.points,
                         "description": level.description}
                        for level in sorted(criterion.levels, key=lambda level: level.points)]}
            for criterion in rubric.criteria]


def iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else (value or "")


def received_for_display(results):
    """The reviews received, pseudonymous, with their points per criterion."""
    reviews = []
    for review in results.get("reviews", []):
        shown = {"review_id": review["review_id"], "role": review["role"], "number": review["number"],
                 "completed_at": iso(review["completed_at"]), "helpfulness": review["helpfulness"],
                 "flag_state": review["flag_state"], "hidden": review["hidden"],
                 "contact_requested": review["contact_requested"] and not review["hidden"],
                 "contact_accepted": review["contact_accepted"]}
        if not review["hidden"]:
            shown.update(scores=review["scores"], comments=review["comments"],
                         overall_comment=review["overall_comment"], points_earned=review["points_earned"])
        reviews.append(shown)
    return reviews


def results_for_display(results):
    if not results.get("submitted"):
        return None
    grade = results.get("grade")
    return {
        "reviews": received_for_display(results),
        "received": results["peer_reviews_received"], "in_progress": results["peer_reviews_in_progress"],
        "needed": results["reviews_needed"],
        "grade": None if grade is None else {"points": grade["points_earned"], "max": grade["points_possible"],
                                             "source": grade["source"], "criteria": grade["criteria"]},
        "self_assessment": results.get("self_assessment") and {
            "scores": results["self_assessment"]["scores"], "comments": results["self_assessment"]["comments"],
            "overall_comment": results["self_assessment"]["overall_comment"]},
    }


def lease_for_display(lease, draft):
    return {"review_id": lease["review_id"], "role": lease["role"], "expires_at": iso(lease["lease_expires_at"]),
            "artefact": artefact_for_display(lease.get("artefact")), "draft": draft or {}}


def staff_rows(rows, username_for):
    """The trainer's table: usernames instead of anonymous ids, times as ISO strings."""
    shown = []
    for row in rows:
        grade = row["grade"]
        shown.append({
            "author_id": row["author_id"], "username": username_for(row["author_id"]),
            "submitted_at": iso(row["submitted_at"]), "waited_hours": row["waited_hours"],
            "received": row["peer_reviews_received"], "mentor_received": row["mentor_reviews_received"],
            "given": row["reviews_given"], "needed": row["reviews_needed"],
            "leases": [{"who": username_for(lease["reviewer_id"]), "role": lease["role"],
                        "until": iso(lease["lease_expires_at"]), "expired": lease["expired"]}
                       for lease in row["leases"]],
            "grade": None if grade is None else {"points": grade["points_earned"], "max": grade["points_possible"],
                                                 "source": grade["source"]},
            "override_points": row["override_points"], "open_flags": row["open_flags"],
            "offered_to_mentors": row["offered_to_mentors"], "waiting_for": row["waiting_for"],
        })
    return shown


def staff_flags(flags, username_for):
    return [{"review_id": flag["review_id"], "author": username_for(flag["author_id"]),
             "reviewer": username_for(flag["reviewer_id"]), "role": flag["role"], "state": flag["flag_state"],
             "reason": flag["flag_reason"], "flagged_at": iso(flag["flagged_at"]),
             "overall_comment": flag["overall_comment"], "comments": flag["comments"]} for flag in flags]


# Characters that make a spreadsheet read a cell as a formula, including the full-width forms
# some spreadsheets convert, and the tab / line breaks that hide one after them.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def _cell(value):
    """Spreadsheets run cells starting with = + - @ as formulas (also after spaces): neutralise them."""
    text = "" if value is None else str(value)
    start = text[:1] if text[:1] in FORMULA_STARTS else text.lstrip(" \u00a0\u3000")[:1]
    return "'" + text if start and start in FORMULA_STARTS else text


def grades_csv(rows, username_for):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(["username", "submitted_at", "peer_reviews_received", "mentor_reviews_received",
                     "reviews_given", "points_earned", "points_possible", "grade_source", "override_points"])
    for row in rows:
        grade = row["grade"] or {}
        writer.writerow([_cell(value) for value in (
            username_for(row["author_id"]), iso(row["submitted_at"]), row["peer_reviews_received"],
            row["mentor_reviews_received"], row["reviews_given"], grade.get("points_earned"),
            grade.get("points_possible"), grade.get("source"), row["override_points"])])
    return output.getvalue()


def reviews_csv(assessments, rubric, username_for):
    output = io.StringIO()
    writer = csv.writer(output)
    names = [criterion.name for criterion in rubric.criteria]
    writer.writerow(["author", "reviewer", "role", "completed_at", *names, *[f"comment_{n}" for n in names],
                     "overall_comment", "points_earned", "helpfulness", "flag_state", "flag_reason"])
    for row in assessments:
        writer.writerow([_cell(value) for value in (
            username_for(row["author_id"]), username_for(row["reviewer_id"]), row["role"],
            iso(row["completed_at"]), *[row["scores"].get(n, "") for n in names],
            *[row["comments"].get(n, "") for n in names], row["overall_comment"], row["points_earned"],
            row["helpfulness"], row["flag_state"], row["flag_reason"])])
    return output.getvalue()
