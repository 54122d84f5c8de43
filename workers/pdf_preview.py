"""A PDF's first pages as one PNG image: a preview every browser can show. Many phones and
headless Chromium have no PDF viewer, and an image needs no plug-in. Rendering is CPU work
(pdfium): callers run it in a thread."""
import io

import pypdfium2 as pdfium
from PIL import Image

PREVIEW_WIDTH_PX = 900  # legible on a laptop, scaled down (still readable zoomed) on a phone
MAX_PAGES = 4  # a call sheet is one or two pages; a preview of more is not a preview
PAGE_GAP_PX = 12


def preview_png(pdf: bytes, width_px: int = PREVIEW_WIDTH_PX) -> bytes:
    """The first pages stacked top to bottom on grey, as PNG bytes."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            pages.append(page.render(scale=width_px / page.get_width()).to_pil().convert("RGB"))
            page.close()
    finally:
        document.close()
    height = sum(page.height for page in pages) + PAGE_GAP_PX * (len(pages) - 1)
    sheet = Image.new("RGB", (width_px, height), (200, 200, 200))
    top = 0
    for page in pages:
        sheet.paste(page, (0, top))
        top += page.height + PAGE_GAP_PX
    # Text on white in a few colours: a palette image is about a third the bytes of full colour.
    out = io.BytesIO()
    sheet.quantize(colors=64).save(out, format="PNG", optimize=True)
    return out.getvalue()
