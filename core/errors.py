"""Domain errors. Each carries a reason written for the person who sent the intent."""

Param = str | int | float


class Rejected(Exception):
    """The intent breaks a rule, said for the person who sent it.

    `template` is English with `{named}` fields and `params` fill them: `reason` is the two
    together. The template is also the message id of the refusals catalog (bots/i18n.py extracts
    the first argument of every `Rejected(...)` in core/ and workers/), so a chat answers a Yoruba
    speaker in Yoruba. Hence the template must be a literal string (or a module constant holding
    one), never an f-string, and params are plain values already written for people (a date as
    "Tue 01 Dec", money as "NGN 25,000.00"): they travel in the intent's outcome as JSON.
    """

    def __init__(self, template: str, **params: Param):
        self.template = template
        self.params = {name: value if isinstance(value, (int, float)) else str(value)
                       for name, value in params.items()}
        self.reason = fill(template, self.params)
        super().__init__(self.reason)

    def outcome(self) -> dict:
        """What an intent's outcome and a chat's answer carry: the English, and how to say it again
        in another language."""
        return {"reason": self.reason, "reason_template": self.template, "reason_params": self.params}


def fill(template: str, params: dict[str, Param]) -> str:
    """A refusal template with its fields filled: without params it is the text as it stands
    (braces included), so a template with no fields never needs them doubled."""
    return template.format(**params) if params else template
