"""Final Draft files: paragraphs to script elements, and refusal of unsafe or broken XML."""
import pytest

from core.errors import Rejected
from core.script.fdx import parse_fdx
from core.script.model import ACTION, CHARACTER, DIALOGUE, PARENTHETICAL

FDX = b"""<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="3">
  <Content>
    <Paragraph Type="Action"><Text>FADE IN:</Text></Paragraph>
    <Paragraph Number="7" Type="Scene Heading"><SceneProperties Length="2/8" Page="1"/>
      <Text>EXT. MARINA - NIGHT</Text></Paragraph>
    <Paragraph Type="Action"><Text>MAMA T </Text><Text>counts money.</Text></Paragraph>
    <Paragraph Type="Character"><Text>ADA (CONT'D)</Text></Paragraph>
    <Paragraph Type="Parenthetical"><Text>(softly)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>We go now.</Text></Paragraph>
    <Paragraph><DualDialogue>
      <Paragraph Type="Character"><Text>OBI</Text></Paragraph>
      <Paragraph Type="Dialogue"><Text>No.</Text></Paragraph>
    </DualDialogue></Paragraph>
    <Paragraph Type="Scene Heading"><Text>BACK AT THE JETTY</Text></Paragraph>
    <Paragraph Type="Action"><Text>EXT/INT. LOOKS LIKE A HEADING - DAY</Text></Paragraph>
  </Content>
  <TitlePage><Content><Paragraph Type="Title"><Text>THE LAST DANFO</Text></Paragraph></Content></TitlePage>
</FinalDraft>"""


def test_paragraph_types_become_script_elements():
    script = parse_fdx(FDX)
    first = script.scenes[0]

    assert [(e.kind, e.text) for e in first.elements] == [
        (ACTION, "MAMA T counts money."), (CHARACTER, "ADA (CONT'D)"), (PARENTHETICAL, "(softly)"),
        (DIALOGUE, "We go now."), (CHARACTER, "OBI"), (DIALOGUE, "No."),
    ]
    assert [e.dual for e in first.elements][-2:] == [True, True]
    assert script.opening[0].text == "FADE IN:"


def test_scene_numbers_headings_title_and_forced_headings():
    script = parse_fdx(FDX)

    assert [(s.heading, s.number, s.forced) for s in script.scenes] == [
        ("EXT. MARINA - NIGHT", "7", False), ("BACK AT THE JETTY", None, True),
    ]
    assert script.title == "THE LAST DANFO"


def test_action_that_looks_like_a_heading_is_flagged():
    assert "EXT/INT. LOOKS LIKE A HEADING - DAY" in parse_fdx(FDX).warnings[0]


@pytest.mark.parametrize("bomb", [
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    b"<FinalDraft><Content/></FinalDraft>",
    b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><FinalDraft><Content/></FinalDraft>',
])
def test_entity_and_doctype_declarations_are_refused_before_parsing(bomb):
    with pytest.raises(Rejected, match="DOCTYPE/ENTITY"):
        parse_fdx(bomb)


def test_malformed_xml_is_refused_with_where_it_breaks():
    with pytest.raises(Rejected, match=r"damaged \(the XML breaks at 1:"):
        parse_fdx(b"<FinalDraft><Content><Paragraph Type='Action'><Text>oops</Content>")


def test_xml_that_is_not_final_draft_is_refused():
    with pytest.raises(Rejected, match="not a Final Draft script"):
        parse_fdx(b"<?xml version='1.0'?><html><body/></html>")
