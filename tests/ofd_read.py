"""Reads an OFD with independent tools, for tests/ofd.rs: easyofd and
ofdkit parse the package, fontTools opens each embedded font, PyMuPDF reads the PDF of
the same run. `--draw OFD OUT.pdf` draws the OFD's pages from what easyofd
reads, for a pixel comparison. Otherwise prints JSON: every drawn character with its position (OFD in
mm from the top left; PDF in pt from the top left), on the line that
starts with "OFD-READ "."""

import base64
import io
import json
import os
import sys
import tempfile

from easyofd.ofd import OFD
from fontTools.ttLib import TTFont
import fitz
import ofdkit


def deltas(spec, count):
    """DeltaX values; "g N v" repeats v N times."""
    out, tokens, i = [], spec.split(), 0
    while i < len(tokens):
        if tokens[i] == "g":
            out += [float(tokens[i + 2])] * int(tokens[i + 1])
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return (out + [0.0] * count)[: max(count - 1, 0)]


def placed(t):
    """Each character of an easyofd text object with its point (mm from the
    page's top left): the box's corner plus TextCode X/Y, then DeltaX."""
    x = t["pos"][0] + float(t["X"] or 0)
    y = t["pos"][1] + float(t["Y"] or 0)
    steps = deltas(t["DeltaX"] or "", len(t["text"]))
    for i, ch in enumerate(t["text"]):
        yield ch, x, y
        if i < len(steps):
            x += steps[i]


def read_ofd(path):
    ofd = OFD()
    ofd.read(path, fmt="path")
    data = ofd.data[0]
    cmaps = {}
    fonts = {}
    for fid, font in data["fonts"].items():
        face = TTFont(io.BytesIO(base64.b64decode(font["font_b64"])))
        cmaps[fid] = face.getBestCmap() or {}
        fonts[fid] = {"name": font["FontNameORI"], "family": font["FamilyNameORI"], "missing": []}
    pages = []
    for n in sorted(data["page_info"]):
        page = data["page_info"][n]
        chars = []
        for t in page["text_list"]:
            for ch, x, y in placed(t):
                chars.append([ch, x, y, t["size"], t["font"], bool(t["CTM"])])
                if not ch.isspace() and ord(ch) not in cmaps.get(t["font"], {}):
                    fonts[t["font"]]["missing"].append(ch)
        size = data["page_size"][n]
        pages.append({"size": [size[2], size[3]], "chars": chars, "paths": len(page["line_list"])})
    return {"pages": pages, "fonts": fonts}


def draw(path, out):
    """Draws the OFD's pages as easyofd reads them into a PDF with PyMuPDF:
    each character in its embedded font at its point, each path. Only what
    the OFD says is used, so the drawing can be compared with gongkai's PDF
    pixel for pixel."""
    mm = 72 / 25.4
    ofd = OFD()
    ofd.read(path, fmt="path")
    data = ofd.data[0]
    fonts = {
        fid: fitz.Font(fontbuffer=base64.b64decode(f["font_b64"]))
        for fid, f in data["fonts"].items()
    }
    doc = fitz.open()
    for n in sorted(data["page_info"]):
        info, size = data["page_info"][n], data["page_size"][n]
        page = doc.new_page(width=size[2] * mm, height=size[3] * mm)
        for path_object in info["line_list"]:
            left, top = path_object["pos"][0], path_object["pos"][1]
            tokens = path_object["AbbreviatedData"].split()
            points, i = [], 0
            while i < len(tokens):
                if tokens[i] in ("M", "L"):
                    points.append(fitz.Point((left + float(tokens[i + 1])) * mm, (top + float(tokens[i + 2])) * mm))
                    i += 3
                else:
                    i += 1
            fill = [c for c in path_object.get("FillColor") or [] if c != ""]
            if fill and len(points) > 2:
                page.draw_polyline(points + [points[0]], color=None, fill=[int(c) / 255 for c in fill], width=0)
            elif len(points) >= 2:
                width = float(path_object.get("LineWidth") or 0.353) * mm
                page.draw_line(points[0], points[1], width=width)
        writer = fitz.TextWriter(page.rect)
        for t in info["text_list"]:
            if t["CTM"]:
                continue
            for ch, x, y in placed(t):
                writer.append((x * mm, y * mm), ch, font=fonts[t["font"]], fontsize=t["size"] * mm)
        writer.write_text(page)
    doc.save(out)


def read_ofdkit(path):
    """A second reader: document information and each page's text."""
    with ofdkit.open(path) as doc:
        return {
            "info": doc.info.to_dict(),
            "pages": [page.text() for page in doc.pages],
            "warnings": [str(w) for w in doc.warnings],
        }


def read_pdf(path):
    pages = []
    for page in fitz.open(path):
        chars = []
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for c in span["chars"]:
                        chars.append([c["c"], c["origin"][0], c["origin"][1], span["size"]])
        pages.append({"size": [page.rect.width, page.rect.height], "chars": chars})
    return {"pages": pages}


def main():
    if sys.argv[1] == "--draw":
        sys.stdout = sys.stderr
        with tempfile.TemporaryDirectory() as work:
            os.chdir(work)
            draw(sys.argv[2], sys.argv[3])
        return
    ofd_path, pdf_path = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
    # easyofd prints as it goes and writes scratch files where it runs.
    sys.stdout = sys.stderr
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        result = {"ofd": read_ofd(ofd_path), "ofdkit": read_ofdkit(ofd_path)}
        if pdf_path:
            result["pdf"] = read_pdf(pdf_path)
    sys.stdout = sys.__stdout__
    print("OFD-READ " + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
