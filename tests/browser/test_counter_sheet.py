"""The sheet for the counter printed by Chromium: one A4 page, and its QR code, read back
from the rendered PDF, opens the FAQ page at its canonical address."""

import io

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from tests.browser.pages import COUNTER_SHEET_FAQS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def printer(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("slug", COUNTER_SHEET_FAQS)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_sheet_prints_on_one_a4_page_with_a_qr_code_of_the_page(
    live_site, printer, language, slug
):
    page = printer
    page.goto(f"{live_site.url}/{language}/questions/{slug}/")
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    assert canonical == f"{live_site.url}/{language}/questions/{slug}/"
    page.click(".counter-sheet-link a")
    page.wait_for_url(f"**/{language}/questions/{slug}/counter-sheet/")

    pdf = page.pdf(format="A4")
    sheets = PdfReader(io.BytesIO(pdf)).pages
    assert len(sheets) == 1, f"{len(sheets)} pages"
    width, height = float(sheets[0].mediabox.width), float(sheets[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2
    text = sheets[0].extract_text()
    assert "12333" in text
    # The page as a picture, as a phone's camera would see the paper.
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert [(code.format, code.text) for code in codes] == [
        (zxingcpp.BarcodeFormat.QRCode, canonical)
    ]
