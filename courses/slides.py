"""Slide handouts as PDF, built from a lesson's slide text (title, then one page per heading).

The font must cover Central European letters (č ć đ š ž ą ę ł ...), which the PDF core fonts
do not: DejaVu Sans from Debian's fonts-dejavu-core when it is installed, else the copy
vendored in ``courses/fonts/`` (Bitstream Vera licence, see LICENSE-DejaVu.txt). Nothing
is ever downloaded.
"""

from pathlib import Path

from fpdf import FPDF

SYSTEM_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
VENDORED_FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
FONT_NAME = "DejaVuSans"
ACCENT = (11, 93, 75)  # the site's --accent
TEXT = (28, 35, 33)
MUTED = (74, 85, 82)


def font_path() -> Path:
    return SYSTEM_FONT if SYSTEM_FONT.is_file() else VENDORED_FONT


class SlidesPDF(FPDF):
    footer_text = ""

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font(FONT_NAME, size=10)
        self.set_text_color(*MUTED)
        self.cell(0, 8, f"{self.footer_text}   {self.page_no()}", align="R")

    def new_page(self, band: float, top: float) -> None:
        """A page with the accent band across its top, the cursor ``top`` mm down."""
        self.add_page()
        self.set_fill_color(*ACCENT)
        self.rect(0, 0, self.w, band, style="F")
        self.set_y(top)

    def paragraph(self, text: str, *, size: int, line: float, color=TEXT, align="L") -> None:
        self.set_text_color(*color)
        self.set_font(FONT_NAME, size=size)
        self.multi_cell(0, line, text, align=align)


def build_slides_pdf(slides: dict, *, subtitle: str = "", footer: str = "", language: str = "en") -> bytes:
    """A landscape A4 PDF: a title page, then one page per ``{"heading", "points"}`` entry."""
    pdf = SlidesPDF(orientation="landscape", unit="mm", format="A4")
    pdf.add_font(FONT_NAME, fname=str(font_path()))
    pdf.footer_text = footer
    pdf.set_title(slides.get("title", ""))
    pdf.set_lang(language)
    pdf.set_creator("WISE Business")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)

    pdf.new_page(band=12, top=60)
    pdf.paragraph(slides.get("title", ""), size=32, line=14, align="C")
    if subtitle:
        pdf.ln(8)
        pdf.paragraph(subtitle, size=16, line=8, color=MUTED, align="C")

    for page in slides.get("pages", []):
        pdf.new_page(band=6, top=20)
        pdf.paragraph(page.get("heading", ""), size=26, line=12, color=ACCENT)
        pdf.ln(6)
        pdf.set_text_color(*TEXT)
        pdf.set_font(FONT_NAME, size=18)
        for point in page.get("points", []):
            pdf.set_x(pdf.l_margin)
            pdf.cell(10, 10, "•")
            pdf.multi_cell(0, 10, point)
            pdf.ln(3)
    return bytes(pdf.output())
