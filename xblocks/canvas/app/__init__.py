"""Django app of the canvas block: drafts, trainer reviews and learner activity (see ``api.py``)."""
