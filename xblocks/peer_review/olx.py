"""OLX child elements of the peer-review block: rubric, mentor rubric, mentors, calibration examples.

    <sirius_peer_review display_name="…" reviews_required="3">
      <prompt>What to submit and how to review it.</prompt>
      <rubric>
        <criterion name="value" label="Value proposition">
          <prompt>Is the offer clear?</prompt>
          <level name="clear" label="Clear" points="2">The problem and the offer are named.</level>
        </criterion>
      </rubric>
      <mentor_rubric> …the same shape… </mentor_rubric>
      <mentor username="ana"/>
      <example>
        <text>An example artefact written by the trainer.</text>
        <score criterion="value" level="clear"/>
      </example>
    </sirius_peer_review>

Plain lxml, no XBlock: the block calls these from parse_xml / add_xml_to_node.
"""
from lxml import etree

CHILD_TAGS = ("prompt", "rubric", "mentor_rubric", "mentor", "example")


def rubric_from_element(element) -> dict:
    criteria = []
    for criterion in element.findall("criterion"):
        levels = []
        for level in criterion.findall("level"):
            points = level.get("points", "0")
            levels.append({"name": level.get("name", ""), "label": level.get("label", ""),
                           "points": int(points) if points.lstrip("-").isdigit() else points,
                           "description": (level.text or "").strip()})
        criteria.append({"name": criterion.get("name", ""), "label": criterion.get("label", ""),
                         "prompt": (criterion.findtext("prompt") or "").strip(), "levels": levels})
    return {"criteria": criteria}


def rubric_to_element(parent, tag, rubric) -> None:
    element = etree.SubElement(parent, tag)
    for criterion in (rubric or {}).get("criteria", []):
        child = etree.SubElement(element, "criterion", name=str(criterion.get("name", "")),
                                 label=str(criterion.get("label", "")))
        if criterion.get("prompt"):
            etree.SubElement(child, "prompt").text = criterion["prompt"]
        for level in criterion.get("levels", []):
            level_element = etree.SubElement(child, "level", name=str(level.get("name", "")),
                                             label=str(level.get("label", "")), points=str(level.get("points", 0)))
            level_element.text = level.get("description") or None


def example_from_element(element) -> dict:
    return {"text": (element.findtext("text") or "").strip(),
            "scores": {score.get("criterion", ""): score.get("level", "") for score in element.findall("score")}}


def example_to_element(parent, example) -> None:
    element = etree.SubElement(parent, "example")
    etree.SubElement(element, "text").text = example.get("text", "")
    for criterion, level in (example.get("scores") or {}).items():
        etree.SubElement(element, "score", criterion=criterion, level=level)


def read_children(node) -> dict:
    """Take our child elements out of ``node`` (a copy) and return their values by field name."""
    values = {}
    mentors, examples = [], []
    for child in list(node):
        if not isinstance(child.tag, str) or child.tag not in CHILD_TAGS:
            continue
        if child.tag == "prompt":
            values["prompt"] = (child.text or "").strip()
        elif child.tag in ("rubric", "mentor_rubric"):
            values[child.tag] = rubric_from_element(child)
        elif child.tag == "mentor":
            username = (child.get("username") or "").strip()
            if username:
                mentors.append(username)
        else:
            examples.append(example_from_element(child))
        node.remove(child)
    if mentors:
        values["mentor_usernames"] = mentors
    if examples:
        values["calibration_examples"] = examples
    return values


def write_children(node, prompt, rubric, mentor_rubric, mentor_usernames, calibration_examples) -> None:
    if prompt:
        etree.SubElement(node, "prompt").text = prompt
    if rubric and rubric.get("criteria"):
        rubric_to_element(node, "rubric", rubric)
    if mentor_rubric and mentor_rubric.get("criteria"):
        rubric_to_element(node, "mentor_rubric", mentor_rubric)
    for username in mentor_usernames or []:
        etree.SubElement(node, "mentor", username=username)
    for example in calibration_examples or []:
        example_to_element(node, example)
