//! The chart as Word's own: a DrawingML chart part (`word/charts/chartN.xml`)
//! holding the figures it draws (cached, so Word and LibreOffice draw it
//! without opening anything), and the small workbook Word's “编辑数据”
//! opens, embedded beside it. docx-rs writes no charts; [`super::post`]
//! puts the part where the picture docx-rs placed would be.

use crate::doc::{Chart, ChartKind};
use crate::render::CHART_PALETTE as PALETTE;
use quick_xml::escape::escape;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, Format, Workbook};
use std::fmt::Write as _;

/// One chart's parts, as written into the package.
#[derive(Debug, Clone)]
pub struct ChartPart {
    /// `word/charts/chartN.xml`.
    pub xml: String,
    /// The embedded workbook with the chart's data.
    pub workbook: Vec<u8>,
    /// What the chart shows, in words: the alt text of its frame.
    pub alt: String,
}

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
pub const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
pub const PACKAGE_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package";
pub const WORKBOOK_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const GRAPHIC_URI: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
pub const CHART_NS: &str = GRAPHIC_URI;
pub const RELATIONSHIPS_NS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of chart number `n` (from 1).
pub fn names(n: usize) -> (String, String, String) {
    (
        format!("word/charts/chart{n}.xml"),
        format!("word/charts/_rels/chart{n}.xml.rels"),
        format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
    )
}

/// The relationships part of chart `n`: its embedded workbook.
pub fn relationships(n: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{PACKAGE_RELATIONSHIP}\" \
         Target=\"../embeddings/Microsoft_Excel_Worksheet{n}.xlsx\"/></Relationships>"
    )
}

/// The chart's parts; `date` is the document's (ISO), the workbook's
/// creation time ([`crate::render::created`]).
pub fn chart_part(chart: &Chart, date: &str) -> Result<ChartPart, super::error::DocxError> {
    Ok(ChartPart {
        xml: chart_xml(chart),
        workbook: workbook(chart, date)?,
        alt: description(chart),
    })
}

/// What the chart shows, in words, for its alt text.
fn description(chart: &Chart) -> String {
    let parts: Vec<String> = chart
        .items
        .iter()
        .map(|i| format!("{}{}{}，占{}", i.label, i.value, chart.unit, i.share))
        .collect();
    format!("{}：{}。", chart.title, parts.join("；"))
}

/// Sheet1: the labels in A, the values in B under a heading row.
fn workbook(chart: &Chart, date: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(chart.title.as_str())
            .set_creation_datetime(&crate::render::created(date)?),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1")?;
    ws.write_string(0, 0, "项目")?;
    ws.write_string(0, 1, value_heading(chart))?;
    let money = Format::new().set_num_format("0.00");
    for (i, item) in chart.items.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, &item.label)?;
        ws.write_number_with_format(r, 1, item.value.to_f64().unwrap_or_default(), &money)?;
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 14)?;
    wb.save_to_buffer()
}

fn value_heading(chart: &Chart) -> String {
    format!("金额（{}）", chart.unit)
}

/// A palette colour as DrawingML and WordprocessingML write it (4472C4).
pub fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("{r:02X}{g:02X}{b:02X}")
}

/// The chartSpace, its children in schema order (CT_ChartSpace, CT_Chart,
/// CT_PieSer / CT_BarSer, CT_DLbls).
fn chart_xml(chart: &Chart) -> String {
    let n = chart.items.len();
    let last = n + 1;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    let _ = write!(
        x,
        "<c:chartSpace xmlns:c=\"{CHART_NS}\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:r=\"{RELATIONSHIPS_NS}\">"
    );
    x.push_str("<c:roundedCorners val=\"0\"/><c:chart><c:autoTitleDeleted val=\"1\"/>");
    x.push_str("<c:plotArea><c:layout/>");
    let pie = chart.kind == ChartKind::Pie;
    if pie {
        x.push_str("<c:pieChart><c:varyColors val=\"1\"/>");
    } else {
        x.push_str(
            "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>\
             <c:varyColors val=\"1\"/>",
        );
    }
    x.push_str("<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/>");
    let _ = write!(
        x,
        "<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/>\
         <c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>",
        escape(value_heading(chart).as_str())
    );
    if !pie {
        x.push_str("<c:invertIfNegative val=\"0\"/>");
    }
    for i in 0..n {
        let _ = write!(
            x,
            "<c:dPt><c:idx val=\"{i}\"/>{}<c:spPr><a:solidFill><a:srgbClr val=\"{}\"/>\
             </a:solidFill></c:spPr></c:dPt>",
            if pie {
                "<c:bubble3D val=\"0\"/>"
            } else {
                "<c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/>"
            },
            hex(PALETTE[i % PALETTE.len()])
        );
    }
    // Pie slices say their share (two decimals, as the narrative does),
    // the legend beside them names the items; bars say their value.
    let (value, category, percent) = if pie { (0, 0, 1) } else { (1, 0, 0) };
    let _ = write!(
        x,
        "<c:dLbls><c:numFmt formatCode=\"0.00%\" sourceLinked=\"0\"/>\
         <c:showLegendKey val=\"0\"/><c:showVal val=\"{value}\"/>\
         <c:showCatName val=\"{category}\"/><c:showSerName val=\"0\"/>\
         <c:showPercent val=\"{percent}\"/><c:showBubbleSize val=\"0\"/>{}</c:dLbls>",
        if pie {
            "<c:showLeaderLines val=\"1\"/>"
        } else {
            ""
        }
    );
    let _ = write!(
        x,
        "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val=\"{n}\"/>"
    );
    for (i, item) in chart.items.iter().enumerate() {
        let _ = write!(
            x,
            "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>",
            escape(item.label.as_str())
        );
    }
    x.push_str("</c:strCache></c:strRef></c:cat>");
    let _ = write!(
        x,
        "<c:val><c:numRef><c:f>Sheet1!$B$2:$B${last}</c:f><c:numCache>\
         <c:formatCode>0.00</c:formatCode><c:ptCount val=\"{n}\"/>"
    );
    for (i, item) in chart.items.iter().enumerate() {
        let _ = write!(x, "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", item.value);
    }
    x.push_str("</c:numCache></c:numRef></c:val></c:ser>");
    if pie {
        x.push_str("<c:firstSliceAng val=\"0\"/></c:pieChart>");
    } else {
        x.push_str(
            "<c:gapWidth val=\"80\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>\
             <c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
             <c:delete val=\"0\"/><c:axPos val=\"b\"/><c:crossAx val=\"2\"/></c:catAx>\
             <c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
             <c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/>\
             <c:numFmt formatCode=\"0.00\" sourceLinked=\"0\"/><c:crossAx val=\"1\"/></c:valAx>",
        );
    }
    x.push_str("</c:plotArea>");
    if pie {
        x.push_str("<c:legend><c:legendPos val=\"r\"/><c:overlay val=\"0\"/></c:legend>");
    }
    x.push_str("<c:plotVisOnly val=\"1\"/></c:chart>");
    x.push_str("<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData>");
    x.push_str("</c:chartSpace>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::ChartItem;
    use rust_decimal::Decimal;

    fn chart(kind: ChartKind) -> Chart {
        Chart {
            kind,
            title: "结构图".into(),
            unit: "万元".into(),
            items: vec![
                ChartItem {
                    label: "甲<乙".into(),
                    value: Decimal::new(103175, 2),
                    share: "93.71%".into(),
                    percent: Some(Decimal::new(9371, 2)),
                },
                ChartItem {
                    label: "丙".into(),
                    value: Decimal::new(6925, 2),
                    share: "6.29%".into(),
                    percent: Some(Decimal::new(629, 2)),
                },
            ],
        }
    }

    #[test]
    fn the_part_parses_and_caches_the_figures() {
        for kind in [ChartKind::Pie, ChartKind::Bar] {
            let part = chart_part(&chart(kind), "2024-04-15").expect("builds");
            let doc = roxmltree::Document::parse(&part.xml).expect("parses");
            let values: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name((CHART_NS, "numCache")))
                .flat_map(|c| c.descendants().filter(|n| n.has_tag_name((CHART_NS, "v"))))
                .filter_map(|n| n.text())
                .collect();
            assert_eq!(values, ["1031.75", "69.25"]);
            assert!(part.xml.contains("<c:v>甲&lt;乙</c:v>"));
            assert!(part.workbook.starts_with(b"PK"));
            // Equal charts give equal bytes.
            let again = chart_part(&chart(kind), "2024-04-15").expect("builds");
            assert_eq!(again.workbook, part.workbook);
        }
    }
}
