"""Domain errors. Each carries a reason written for the person who sent the intent."""


class Rejected(Exception):
    """The intent breaks a rule; `reason` is shown to the person as it is."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
