"""Typographic faults a reader sees, measured from where a PDF's glyphs are
(PyMuPDF's rawdict): prints one line `GLYPH-FAULTS {json}` with, for each
PDF given, the faults found by kind.

- collide: an opening mark （〔《“「『【〈 followed on its line by a glyph
  whose origin is less than 0.85 em after the mark's own (the mark's ink is
  in the right of its em, so the next glyph would print over it), unless
  that glyph is itself an opening mark;
- foot: the last text line above the page number, on a body page that is not
  the document's last, set in a heading face (sans, bold or hei, >= 12 pt)
  and short, not a sentence;
- loose: a line with at least 8 gaps between Han characters whose median gap
  is >= 0.12 em (reads as letter-spaced, and as spaces to pdfplumber);
- spill: a glyph drawn off the sheet, or reaching down to the page number's
  line (text run past the foot of the page, over the footer).

usage: glyph_faults.py PDF...
"""

import json
import re
import statistics
import sys
import warnings

warnings.filterwarnings("ignore")
import fitz  # noqa: E402

OPENING = set("（〔《“「『【〈")
HAN = re.compile(r"[\u4e00-\u9fff]")
PAGE_NUMBER = re.compile(r"^[-－—\s]*\d+[-－—\s]*$")


def heading_face(span):
    font = span["font"]
    return span["size"] >= 12 and any(k in font for k in ("Sans", "Bold", "Hei"))


def same_line(a, b):
    return abs(a["origin"][1] - b["origin"][1]) < 1


def page_faults(page, number, body_page, out):
    lines = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            glyphs = [(c, s["size"]) for s in line["spans"] for c in s["chars"]]
            if not glyphs:
                continue
            text = "".join(c["c"] for c, _ in glyphs)
            pairs = list(zip(glyphs, glyphs[1:]))
            for i, ((c, size), (n, _)) in enumerate(pairs):
                if c["c"] in OPENING and n["c"] not in OPENING and same_line(c, n):
                    advance = (n["origin"][0] - c["origin"][0]) / size
                    if 0 <= advance < 0.85:
                        out["collide"].append(
                            f"p{number} {text[max(0, i - 3):i + 4]} {advance:.2f}em"
                        )
            gaps = [
                (n["origin"][0] - c["origin"][0] - size) / size
                for (c, size), (n, _) in pairs
                if HAN.match(c["c"]) and HAN.match(n["c"]) and same_line(c, n)
            ]
            if len(gaps) >= 8 and statistics.median(gaps) >= 0.12:
                out["loose"].append(f"p{number} {text[:16]} {statistics.median(gaps):.2f}em")
            lines.append((line["bbox"][1], text.strip(), heading_face(line["spans"][0])))
    spill(page, number, out)
    body = [l for l in sorted(lines) if l[1] and not PAGE_NUMBER.match(l[1])]
    if body and body_page:
        _, text, heading = body[-1]
        if heading and len(text) <= 40 and not text.endswith("。"):
            out["foot"].append(f"p{number} {text[:24]}")


def spill(page, number, out):
    # The page number: the lowest line that is a number alone (a code cell
    # of a table is a number alone too, but above it).
    lines = [l for b in page.get_text("rawdict")["blocks"] for l in b.get("lines", [])]
    text = lambda l: "".join(c["c"] for s in l["spans"] for c in s["chars"]).strip()
    numbers = [l for l in lines if PAGE_NUMBER.match(text(l))]
    footer_line = max(numbers, key=lambda l: l["bbox"][1], default=None)
    footer = footer_line["bbox"][1] if footer_line else None
    glyphs = [
        c
        for l in lines
        if l is not footer_line
        for s in l["spans"]
        for c in s["chars"]
        if c["c"].strip()
    ]
    rect = page.rect
    for c in glyphs:
        x0, y0, x1, y1 = c["bbox"]
        off = x0 < rect.x0 - 1 or y0 < rect.y0 - 1 or x1 > rect.x1 + 1 or y1 > rect.y1 + 1
        # The origin (baseline) below the page number's top: over the footer.
        over = footer is not None and c["origin"][1] > footer
        if off or over:
            out["spill"].append(f"p{number} {c['c']} at {c['origin'][1]:.0f}")
            return


def main(paths):
    result = {}
    for path in paths:
        doc = fitz.open(path)
        out = {"collide": [], "foot": [], "loose": [], "spill": []}
        for number, page in enumerate(doc, 1):
            # A heading may end the cover, the 目录 or the last page.
            body_page = 2 < number < len(doc)
            page_faults(page, number, body_page, out)
        result[path] = out
    print("GLYPH-FAULTS " + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
