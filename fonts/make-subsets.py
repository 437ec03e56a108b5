#!/usr/bin/env python3
"""Makes the bundled font subsets from Debian's fonts-noto-cjk.

Sources (Debian package fonts-noto-cjk 1:20220127+repack1-1):
  /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc  face 2 (Noto Serif CJK SC, Version 2.001)
  /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc   face 2 (Noto Sans CJK SC, Version 2.004)
  /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc      face 2 (Noto Sans CJK SC Bold, Version 2.004)
  /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc     face 2 (Noto Serif CJK SC Bold, Version 2.001)
Tool: fonttools 4.55.3 (pip install fonttools==4.55.3).

Coverage: printable ASCII and Latin-1, all of GB 2312 (6,763 hanzi and its
symbols), CJK symbols and punctuation, full-width forms, the general
punctuation Chinese text uses, circled numbers, ≤ ≥ and every character in
samples/ and layouts/. Run from the repository root: python3 fonts/make-subsets.py
"""

import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto")
FACES = [
    ("NotoSerifCJK-Regular.ttc", 2, "NotoSerifCJKsc-Regular-subset.otf"),
    ("NotoSansCJK-Regular.ttc", 2, "NotoSansCJKsc-Regular-subset.otf"),
    ("NotoSansCJK-Bold.ttc", 2, "NotoSansCJKsc-Bold-subset.otf"),
    ("NotoSerifCJK-Bold.ttc", 2, "NotoSerifCJKsc-Bold-subset.otf"),
]


def gb2312() -> set[int]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def repository_text() -> set[int]:
    chars = set()
    for folder in ("samples", "layouts"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".j2", ".md", ".txt"):
                chars.update(ord(c) for c in path.read_text(encoding="utf-8"))
    return chars


def charset() -> list[int]:
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    chars |= gb2312()
    chars |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars |= set(range(0xFF01, 0xFF5F))  # full-width forms
    chars |= set(range(0x2010, 0x2040))  # dashes, quotes, ellipsis, ‰
    chars |= set(range(0x2460, 0x2474))  # ① … ⑳
    chars |= {0x2264, 0x2265, 0x00D7, 0x00F7, 0x2103, 0x00B0, 0x2116}
    chars |= repository_text()
    return sorted(c for c in chars if c >= 0x20)


def main() -> int:
    unicodes = charset()
    for source, index, target in FACES:
        font = TTCollection(str(SOURCE / source)).fonts[index]
        options = subset.Options()
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.recalc_bounds = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        out = ROOT / "fonts" / target
        font.save(str(out))
        print(f"{target}: {len(unicodes)} code points, {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
