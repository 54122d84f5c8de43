"""The flows' English templates: every one the flows name exists, none repeats bots/replies.py,
the consent text is the core's wording word for word, and each is short enough for SMS."""
import ast
import re
from pathlib import Path

from bots.flow_texts import FLOW_TEMPLATES
from bots.flows.onboarding import CONSENT_TEMPLATE
from bots.replies import TEMPLATES
from core.chat_commands import CONSENT_VERSION, CONSENT_WORDINGS

FLOWS_DIR = Path(__file__).resolve().parents[4] / "bots" / "flows"
# Two GSM-7 segments are 306 characters; the help list is the one message allowed to be long.
SMS_CHARS = 306
LONG_ON_PURPOSE = {"flow_help"}


def test_no_template_name_repeats_one_of_bots_replies():
    assert not set(FLOW_TEMPLATES) & set(TEMPLATES)


def test_every_template_and_label_named_in_the_flows_exists():
    named = set()
    for path in FLOWS_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                    r"(label|dept)_[a-z0-9_]*[a-z0-9]|[a-z_]+_help", node.value):
                named.add(node.value)
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Reply" and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value):
                named.add(node.args[0].value)  # Reply("jobs_page", ...)
    assert named and named <= set(FLOW_TEMPLATES) | set(TEMPLATES)


def test_the_consent_text_is_the_cores_wording_of_the_current_version():
    assert FLOW_TEMPLATES[CONSENT_TEMPLATE].startswith(CONSENT_WORDINGS[CONSENT_VERSION] + "\n")


def test_templates_fit_two_sms_segments_in_english():
    long = [name for name, text in FLOW_TEMPLATES.items() if len(text) > SMS_CHARS and name not in LONG_ON_PURPOSE]
    assert long == []


def test_an_sms_short_form_is_shorter_than_its_template():
    for name in (n for n in FLOW_TEMPLATES if n.endswith("_sms")):
        assert len(FLOW_TEMPLATES[name]) < len(FLOW_TEMPLATES[name.removesuffix("_sms")])


def test_shown_choices_translates_template_labels_and_keeps_other_text():
    from bots.flow_texts import shown_choices

    assert shown_choices(["label_accept", "CODE1 Gaffer, Lekki"], "en") == ["Accept", "CODE1 Gaffer, Lekki"]
