"""Storing a learner's snapshot with edx-submissions, safe against a double click.

edx-submissions creates the learner's StudentItem on their first submission by reading, then
inserting under a unique key: two first submissions at once (a double click, a retried request)
make the loser fail with a SubmissionRequestError "must make a unique set". The database settled
it; the loser's request runs again (see `json_handler`) and finds the StudentItem there.
"""
from .transactions import RetryRequest


def create_snapshot(student_item, answer):
    from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel

    try:
        return submissions_api.create_submission(student_item, answer)
    except submissions_api.SubmissionRequestError as error:
        if "unique" in str(error):
            raise RetryRequest("another request created this learner's item first") from error
        raise
