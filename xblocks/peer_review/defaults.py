"""The default rubric for reviewing a business-model canvas: our text, so it is translated."""
from xblocks.common.i18n import N_

DEFAULT_RUBRIC = {"criteria": [
    {"name": "customers", "label": N_("Customers and their problem"),
     "prompt": N_("Does the canvas say who the customers are and what problem they have?"),
     "levels": [
         {"name": "missing", "label": N_("Not yet"), "points": 0,
          "description": N_("Customers or their problem are not named.")},
         {"name": "partly", "label": N_("Partly"), "points": 1,
          "description": N_("Customers are named, but their problem is vague.")},
         {"name": "clear", "label": N_("Clear"), "points": 2,
          "description": N_("A precise group of customers and a real problem.")}]},
    {"name": "value", "label": N_("Offer"),
     "prompt": N_("Is it clear what the project offers and why customers would choose it?"),
     "levels": [
         {"name": "missing", "label": N_("Not yet"), "points": 0,
          "description": N_("The offer is not described.")},
         {"name": "partly", "label": N_("Partly"), "points": 1,
          "description": N_("The offer is described, but not why it is better.")},
         {"name": "clear", "label": N_("Clear"), "points": 2,
          "description": N_("The offer answers the problem and says what makes it different.")}]},
    {"name": "money", "label": N_("Costs and income"),
     "prompt": N_("Do the income and the costs fit together?"),
     "levels": [
         {"name": "missing", "label": N_("Not yet"), "points": 0,
          "description": N_("Income or costs are missing.")},
         {"name": "partly", "label": N_("Partly"), "points": 1,
          "description": N_("Both are there, but they do not match the activities.")},
         {"name": "clear", "label": N_("Clear"), "points": 2,
          "description": N_("Who pays, for what, and the main costs are named.")}]},
    {"name": "responsible", "label": N_("People and planet"),
     "prompt": N_("Does the canvas name the project's effects on people and on the planet?"),
     "levels": [
         {"name": "missing", "label": N_("Not yet"), "points": 0,
          "description": N_("No effect is named.")},
         {"name": "partly", "label": N_("Partly"), "points": 1,
          "description": N_("Some effects are named, without a plan.")},
         {"name": "clear", "label": N_("Clear"), "points": 2,
          "description": N_("Effects are named with a first idea to reduce the harm.")}]},
]}


def default_rubric(translation=None):
    """The default rubric, its labels in the learner's language when ``translation`` is given."""
    if translation is None:
        return DEFAULT_RUBRIC
    gettext = translation.gettext
    return {"criteria": [
        {"name": criterion["name"], "label": gettext(criterion["label"]), "prompt": gettext(criterion["prompt"]),
         "levels": [dict(level, label=gettext(level["label"]), description=gettext(level["description"]))
                    for level in criterion["levels"]]}
        for criterion in DEFAULT_RUBRIC["criteria"]]}
