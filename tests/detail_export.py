"""Writes a budget system's detail export (one row per line) from a gongkai
workbook, as a system would: a title row, then a header row, codes with
their names, a 合计 row, and rows of another unit.

Usage: detail_export.py EXPORT OUT SPEC_JSON
SPEC_JSON: {"headers": {field: header text, …} in column order,
            "sources": {gongkai source: spelling}, "unit": unit name,
            "names": true|false (code and name in one cell)}"""
import json, sys
import openpyxl

export, out, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
src = openpyxl.load_workbook(export)
rows = []
def sheet_rows(name):
    ws = src[name]
    head = [c.value for c in ws[1]]
    for values in ws.iter_rows(min_row=2, values_only=True):
        if any(v is not None for v in values):
            yield dict(zip(head, values))
for r in sheet_rows("基本支出"):
    rows.append({"项目": None, "功能科目": r["功能科目"], "经济科目": r["经济科目"],
                 "政府经济科目": r["政府经济科目"], "资金来源": r["资金来源"] or "一般公共预算",
                 "金额": r["金额"]})
for r in sheet_rows("项目"):
    for h, v in r.items():
        if h.startswith("资金.") and v not in (None, 0):
            rows.append({"项目": r["名称"], "功能科目": r["功能科目"], "资金来源": h[3:],
                         "金额": v, "项目类别": r["类别"], "项目期限": r["期限"]})
names = {"2010650": "事业运行", "2010699": "其他财政事务支出", "2010607": "信息化建设"}
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "支出明细"
fields = list(spec["headers"])
ws.append(["2024年部门预算支出明细表"])
ws.append([spec["headers"][f] for f in fields])
def cell(row, f):
    if f == "单位":
        return spec["unit"]
    v = row.get(f)
    if f == "资金来源" and v is not None:
        return spec["sources"].get(v, v)
    if f.endswith("科目") and v is not None and spec.get("names") and str(v) in names:
        return f"{v} {names[str(v)]}"
    return v
total = 0
for row in rows:
    ws.append([cell(row, f) for f in fields])
    total += float(row["金额"])
for row in rows[:3]:
    other = dict(row, 金额=1)
    ws.append([("另一个单位" if f == "单位" else cell(other, f)) for f in fields])
ws.append(["合计" if i == 0 else (total if f == "金额" else None) for i, f in enumerate(fields)])
wb.save(out)
