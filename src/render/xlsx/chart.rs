//! A chart block as a sheet: its data as a small table and a native pie
//! (or column) chart drawn from that data.

use super::style::Styles;
use crate::doc::{Align, Chart, ChartKind, NumberStyle};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{self as xw, ChartDataLabel, Worksheet, XlsxError};

pub fn write_chart(
    ws: &mut Worksheet,
    sheet: &str,
    chart: &Chart,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, 2, &chart.title, &st.title)?;
    ws.set_row_height(0, 30)?;
    let head = st.cell(Align::Center, true, 0, None);
    ws.write_string_with_format(2, 0, "项目", &head)?;
    ws.write_string_with_format(2, 1, format!("金额（{}）", chart.unit), &head)?;
    ws.write_string_with_format(2, 2, "占比", &head)?;
    let text = st.cell(Align::Left, false, 0, None);
    let money = st.cell(
        Align::Right,
        false,
        0,
        Some(NumberStyle {
            decimals: 2,
            grouped: false,
        }),
    );
    let share = st.cell(Align::Right, false, 0, None);
    // A number formatted as the narrative prints it (93.71%), so the sheet
    // can sum and chart it.
    let ratio = share.clone().set_num_format("0.00%");
    for (i, item) in chart.items.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string_with_format(r, 0, &item.label, &text)?;
        ws.write_number_with_format(r, 1, item.value.to_f64().unwrap_or_default(), &money)?;
        match item.percent {
            Some(p) => {
                let fraction = (p / rust_decimal::Decimal::ONE_HUNDRED).to_f64();
                ws.write_number_with_format(r, 2, fraction.unwrap_or_default(), &ratio)?
            }
            None => ws.write_string_with_format(r, 2, &item.share, &share)?,
        };
    }
    let widest = chart
        .items
        .iter()
        .map(|i| super::measure::text_width(&i.label))
        .fold(8.0, f64::max);
    ws.set_column_width(0, widest + 2.0)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 10)?;
    if chart.items.is_empty() {
        return Ok(());
    }
    let last = 3 + chart.items.len() as u32 - 1;
    let mut native = match chart.kind {
        ChartKind::Pie => xw::Chart::new_pie(),
        ChartKind::Bar => xw::Chart::new_column(),
    };
    // The sheet's first row carries the title: the chart repeats it not.
    native.title().set_hidden();
    let mut labels = ChartDataLabel::new();
    match chart.kind {
        ChartKind::Pie => labels
            .show_category_name()
            .show_percentage()
            .show_leader_lines()
            // Two decimals, as the narrative states the shares.
            .set_num_format("0.00%"),
        ChartKind::Bar => labels.show_value(),
    };
    native
        .add_series()
        .set_name(chart.title.as_str())
        .set_categories((sheet, 3, 0, last, 0))
        .set_values((sheet, 3, 1, last, 1))
        .set_data_label(&labels);
    ws.insert_chart(2, 4, &native)?;
    if let Some(code) = st.paper.sheet_code {
        ws.set_paper_size(code);
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 1);
    ws.set_print_first_page_number(1);
    ws.set_footer(&st.footer);
    Ok(())
}
