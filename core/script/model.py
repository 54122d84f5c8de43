"""The one Script model every format is read into; the breakdown only ever sees this."""
from dataclasses import dataclass, field

# Kinds of script element, named the way a screenplay page names them.
ACTION = "action"
CHARACTER = "character"
DIALOGUE = "dialogue"
PARENTHETICAL = "parenthetical"
TRANSITION = "transition"
LYRICS = "lyrics"
CENTERED = "centered"
PAGE_BREAK = "page_break"


@dataclass
class Element:
    kind: str
    text: str
    dual: bool = False  # right-hand column of dual dialogue (Fountain `^`)


@dataclass
class Scene:
    heading: str
    number: str | None = None  # the writer's own scene number (#12#, FDX Number), if any
    forced: bool = False  # a heading the writer marked as one without INT./EXT.
    elements: list[Element] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Fountain [[notes]], for [[prop: cutlass]] tags
    source_line: int = 0  # where the heading sits in the source, for messages


@dataclass
class Script:
    source_format: str  # "fountain", "fdx" or "pdf"
    title: str = ""
    title_page: dict[str, str] = field(default_factory=dict)
    opening: list[Element] = field(default_factory=list)  # material before the first heading
    scenes: list[Scene] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_count: int | None = None  # known only for PDF
