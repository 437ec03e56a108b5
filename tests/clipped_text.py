"""Text a spreadsheet cut off when printed, measured from a PDF that
LibreOffice made of a workbook (PyMuPDF): a line of text whose glyphs
reach past the table's ruled lines on its page (a merged title or unit
line wider than its cells is drawn clipped at their edge, its ends lost).
The page footer is left aside. Prints one line `CLIPPED {json}`: for each
PDF given, the clipped lines' text.

usage: clipped_text.py PDF...
"""

import json
import re
import sys
import warnings

warnings.filterwarnings("ignore")
import fitz  # noqa: E402

FOOTER = re.compile(r"^第\s*\d+\s*页")


def ruled_extent(page):
    xs = []
    for d in page.get_drawings():
        for item in d["items"]:
            for p in item[1:]:
                if hasattr(p, "x"):
                    xs.append(p.x)
                elif hasattr(p, "x0"):
                    xs.extend([p.x0, p.x1])
    return (min(xs), max(xs)) if xs else None


def clipped(path):
    out = []
    for page in fitz.open(path):
        extent = ruled_extent(page)
        if extent is None:
            continue
        left, right = extent
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                chars = [c for s in line["spans"] for c in s["chars"]]
                text = "".join(c["c"] for c in chars).strip()
                if not text or FOOTER.match(text):
                    continue
                x0 = min(c["bbox"][0] for c in chars)
                x1 = max(c["bbox"][2] for c in chars)
                if x0 < left - 2 or x1 > right + 2:
                    out.append(text)
    return out


print("CLIPPED " + json.dumps({p: clipped(p) for p in sys.argv[1:]}, ensure_ascii=False))
