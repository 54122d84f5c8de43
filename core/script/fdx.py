"""Final Draft .fdx to the Script model, with the standard library's XML parser made safe."""
import re
import xml.etree.ElementTree as ET

from core.errors import Rejected
from core.script.model import (
    ACTION, CHARACTER, DIALOGUE, LYRICS, PARENTHETICAL, TRANSITION, Element, Scene, Script,
)
from core.script.sluglines import PRINTED_SLUG

# Final Draft paragraph types to script elements; anything else (General, Shot, Cast List...) is action.
_KINDS = {
    "Action": ACTION, "Character": CHARACTER, "Dialogue": DIALOGUE, "Parenthetical": PARENTHETICAL,
    "Transition": TRANSITION, "Lyrics": LYRICS,
}
# A DOCTYPE is where entity bombs ("billion laughs") and external entities live; a real .fdx has none.
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _text(paragraph: ET.Element) -> str:
    return "".join(part.text or "" for part in paragraph.findall("Text")).replace("\u00a0", " ")


def _paragraphs(content: ET.Element, dual: bool = False):
    """Paragraphs in reading order; dual dialogue nests paragraphs inside a <DualDialogue>."""
    for paragraph in content.findall("Paragraph"):
        inner = paragraph.find("DualDialogue")
        if inner is not None:
            yield from _paragraphs(inner, dual=True)
        else:
            yield paragraph, dual


def _parse_xml(data: bytes) -> ET.Element:
    if _DECLARATION.search(data[:65536]) or _DECLARATION.search(data):
        raise Rejected(
            "This Final Draft file contains a DOCTYPE/ENTITY declaration, which real .fdx files never have, "
            "so we did not open it. Save it again from Final Draft and upload the new file."
        )
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise Rejected(
            "This Final Draft file is damaged (the XML breaks at {line}:{column}). "
            "Save it again from Final Draft, or export it as PDF or Fountain.",
            line=error.position[0], column=error.position[1],
        ) from None
    except (LookupError, ValueError):  # an unknown encoding named in the XML declaration
        raise Rejected(
            "This Final Draft file is damaged (its XML declaration names an encoding we do not know). "
            "Save it again from Final Draft, or export it as PDF or Fountain."
        ) from None


def parse_fdx(data: bytes) -> Script:
    """A Final Draft document to a Script; Rejected when it is not a readable Final Draft script."""
    root = _parse_xml(data)
    content = root.find("Content")
    if root.tag != "FinalDraft" or content is None:
        raise Rejected("This file is XML but not a Final Draft script (no <FinalDraft><Content>).")
    script = Script(source_format="fdx")
    title_page = root.find("TitlePage")
    if title_page is not None:
        lines = [_text(p).strip() for p in title_page.iter("Paragraph")]
        script.title = next((line for line in lines if line), "")
    for position, (paragraph, dual) in enumerate(_paragraphs(content), start=1):
        kind_name = paragraph.get("Type", "")
        text = _text(paragraph).strip()
        if kind_name == "Scene Heading":
            script.scenes.append(Scene(
                heading=" ".join(text.split()), number=paragraph.get("Number") or None,
                forced=not PRINTED_SLUG.match(text.upper() + " "), source_line=position,
            ))
            continue
        if not text:
            continue
        kind = _KINDS.get(kind_name, ACTION)
        if kind == ACTION and PRINTED_SLUG.match(text.upper() + " "):
            script.warnings.append(
                f"Paragraph {position}: '{text}' looks like a scene heading but is typed as "
                f"{kind_name or 'action'}; make it a Scene Heading in Final Draft to count it as a scene."
            )
        elements = script.scenes[-1].elements if script.scenes else script.opening
        elements.append(Element(kind, text, dual=dual))
    return script
