//! One leaf changed flows to every total it feeds, and only those.

use crate::common::*;
use gongkai::compute::{Kind, Ledger};
use gongkai::model::{Period, Source};
use rust_decimal::Decimal;

fn snapshot(l: &Ledger) -> Vec<(String, Decimal)> {
    let mut v = vec![
        ("total".to_string(), l.total.total()),
        ("basic".into(), l.total.kind(Kind::Basic)),
        ("project".into(), l.total.kind(Kind::Project)),
        ("personnel".into(), l.personnel.total()),
        ("public".into(), l.public_use.total()),
    ];
    v.extend(
        l.functions
            .iter()
            .map(|(c, b)| (format!("f{c}"), b.total())),
    );
    v.extend(l.economic.iter().map(|(c, b)| (format!("e{c}"), b.total())));
    v.extend(
        l.projects
            .iter()
            .map(|p| (format!("p{}", p.name), p.funds.total())),
    );
    v
}

fn changed(a: &[(String, Decimal)], b: &[(String, Decimal)]) -> Vec<String> {
    a.iter()
        .zip(b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| format!("{}:{}", x.0, y.1 - x.1))
        .collect()
}

/// Applies one edit to the sample and asserts exactly `want` figures moved.
fn assert_flows(from: &str, to: &str, want: &[&str]) {
    let (_, before) = ledger_of(&sample_text());
    let (_, after) = ledger_of(&sample_text().replacen(from, to, 1));
    let mut diff = changed(&snapshot(&before), &snapshot(&after));
    diff.sort();
    let mut want: Vec<&str> = want.to_vec();
    want.sort();
    assert_eq!(diff, want);
}

#[test]
fn a_basic_leaf_flows_to_its_totals_only() {
    assert_flows(
        "金额: 727600",
        "金额: 737600",
        &[
            "basic:10000",
            "e301:10000",
            "e30101:10000",
            "f201:10000",
            "f20106:10000",
            "f2010650:10000",
            "personnel:10000",
            "total:10000",
        ],
    );
}

#[test]
fn a_project_leaf_flows_to_its_totals_only() {
    assert_flows(
        "一般公共预算: 150000",
        "一般公共预算: 150001",
        &[
            "f201:1",
            "f20106:1",
            "f2010607:1",
            "pZ全国统一财政业务“12357”服务热线建设(一次性):1",
            "project:1",
            "total:1",
        ],
    );
}

#[test]
fn a_file_in_wan_yuan_gives_the_same_ledger() {
    // The same budget written in 万元: every amount divided by 10000.
    let text = sample_text();
    let mut out = String::new();
    for line in text.lines() {
        let mut l = line.to_string();
        for key in [
            "金额: ",
            "一般公共预算: ",
            "收支总计: ",
            "一般公共预算当年支出: ",
            "公务用车运行维护费: ",
            "货物: ",
            "服务: ",
        ] {
            if let Some(at) = l.find(key) {
                let start = at + key.len();
                let end = l[start..]
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .map(|e| start + e)
                    .unwrap_or(l.len());
                let v: Decimal = l[start..end].parse().unwrap();
                l = format!("{}{}{}", &l[..start], v / Decimal::from(10000), &l[end..]);
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    let out = out.replacen("金额单位: 元", "金额单位: 万元", 1);
    let (_, a) = ledger_of(&text);
    let (_, b) = ledger_of(&out);
    assert_eq!(snapshot(&a), snapshot(&b));
    assert_eq!(
        a.total.source_in(Source::GeneralPublic, Period::Current),
        b.total.source_in(Source::GeneralPublic, Period::Current)
    );
}
