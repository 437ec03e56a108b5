"""Fills an entry workbook (gongkai template) from another workbook as a
person or another program would: cell by cell, by sheet name and header
text, never by position. Usage: fill_workbook.py TEMPLATE SOURCE OUT

Sheets of 字段 | 内容 rows: the n-th source row of a field name goes into
the template's n-th row of that name; rows the template has no place for (a
second 职责, a 科目名称.编码) are added at the end.
Table sheets: each source row is written under the template's headers."""
import sys
import openpyxl

template, source, out = sys.argv[1:4]
tpl = openpyxl.load_workbook(template)
src = openpyxl.load_workbook(source)
SKIP = {"填写说明", "选项"}
for ws in src.worksheets:
    if ws.title in SKIP:
        continue
    if ws.title not in tpl.sheetnames:
        sys.exit(f"template lacks sheet {ws.title}")
    tw = tpl[ws.title]
    src_head = [c.value for c in ws[1]]
    tpl_head = [c.value for c in tw[1]]
    if src_head[:2] == ["字段", "内容"]:
        if tpl_head[:2] != ["字段", "内容"]:
            sys.exit(f"{ws.title}: template is not a 字段|内容 sheet")
        seen = {}
        for name, value, *_ in ws.iter_rows(min_row=2, values_only=True):
            if value is None:
                continue
            n = seen[name] = seen.get(name, 0) + 1
            rows = [r for r in range(2, tw.max_row + 1) if tw.cell(r, 1).value == name]
            row = rows[n - 1] if len(rows) >= n else None
            if row is None:
                row = tw.max_row + 1
                tw.cell(row, 1, name)
            tw.cell(row, 2, value)
        continue
    where = {}
    for i, h in enumerate(src_head):
        if h is None:
            continue
        if h not in tpl_head:
            # Columns named by the file (版式字段.…) are added as needed.
            tpl_head.append(h)
            tw.cell(1, len(tpl_head), h)
        where[i] = tpl_head.index(h) + 1
    r = 2
    for values in ws.iter_rows(min_row=2, values_only=True):
        if all(v is None for v in values):
            continue
        for i, v in enumerate(values):
            if v is not None and i in where:
                tw.cell(r, where[i], v)
        r += 1
tpl.save(out)
