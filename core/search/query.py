"""What a search asks for. Dates are ISO strings (they compare in calendar order), money is minor units."""
from dataclasses import dataclass, field
from datetime import date

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class PeopleQuery:
    role: str = ""  # actor, crew, producer...
    department: str = ""  # camera, lighting...: crew only
    # Anyone with at least one of these (skills or crew roles) matches; more matched ranks higher.
    skills: tuple[str, ...] = ()
    state: str = ""
    city: str = ""
    # Every one of these: a Yoruba-and-English part needs both.
    languages: tuple[str, ...] = ()
    # The range applies to people who gave a rate in `currency` (per `rate_per`, when given);
    # people who gave none stay in, ranked below those within budget (many negotiate).
    rate_min: int | None = None
    rate_max: int | None = None
    currency: str = "NGN"
    rate_per: str = ""
    min_rating: float | None = None
    verified_only: bool = False
    available_from: date | None = None
    available_to: date | None = None
    text: str = ""  # each word starts a word of the name or headline ("ade" finds Adebayo)
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def has_rate_range(self) -> bool:
        return self.rate_min is not None or self.rate_max is not None


@dataclass(frozen=True)
class JobQuery:
    department: str = ""
    state: str = ""
    city: str = ""
    # Jobs paying within the range, in `currency` (and per `rate_per`, when given).
    rate_min: int | None = None
    rate_max: int | None = None
    currency: str = "NGN"
    rate_per: str = ""
    # Jobs whose dates overlap this window.
    available_from: date | None = None
    available_to: date | None = None
    text: str = ""  # in the title or the project's title
    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass(frozen=True)
class Hit:
    doc: dict
    score: float
    reason: str


@dataclass(frozen=True)
class Page:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0


def folded(word: str) -> str:
    """Filters compare words without case or surrounding spaces: "Lagos " is "lagos"."""
    return " ".join(word.split()).casefold()
