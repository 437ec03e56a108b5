//! One leaf changes: every table cell and sentence that quotes a figure it
//! feeds changes, and nothing else does.

use crate::common::{sample_text, text_of};

/// Whether `line` holds `figure` as a whole figure, not inside a longer one.
fn quotes(line: &str, figure: &str) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    line.match_indices(figure).any(|(i, _)| {
        let mut before = line[..i].chars().rev();
        let b = before.next();
        let mut after = line[i + figure.len()..].chars();
        let (a, a2) = (after.next(), after.next());
        let glued_before = digit(b) || (matches!(b, Some('.' | ',')) && digit(before.next()));
        let glued_after = digit(a) || (matches!(a, Some('.' | ',')) && digit(a2));
        !glued_before && !glued_after
    })
}

#[test]
fn one_leaf_changes_exactly_the_lines_that_quote_it() {
    let old_yaml = sample_text();
    // 事业运行 · 办公费: 21,500 元 → 31,500 元 (+1 万元).
    let leaf = "经济科目: 30201, 政府经济科目: 50502, 金额: 21500 }";
    assert!(old_yaml.contains(leaf));
    let new_yaml = old_yaml.replace(leaf, "经济科目: 30201, 政府经济科目: 50502, 金额: 31500 }");
    let (old, new) = (text_of(&old_yaml), text_of(&new_yaml));
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (old.lines().collect(), new.lines().collect());
    assert_eq!(old_lines.len(), new_lines.len(), "same structure");

    // Every figure the leaf feeds, as the old document shows it: the leaf,
    // its 项/款/类, 基本支出, 公用经费 and 商品和服务支出, the totals, the change
    // against last year, and the shares and rates whose rounded value moves
    // (93.71%, 0.80%, 1.90% and 100.00% round the same before and after).
    let fed = [
        "2.15", "152.19", "1031.75", "1,031.75", "1101.04", "1,101.04", "221.48", "10.86",
        "110.28", "9.10%", "3.60%", "20.12%", "79.88%",
    ];
    let changed: Vec<usize> = (0..old_lines.len())
        .filter(|&i| old_lines[i] != new_lines[i])
        .collect();
    assert!(changed.len() > 30, "lines changed: {}", changed.len());
    for &i in &changed {
        assert!(
            fed.iter().any(|f| quotes(old_lines[i], f)),
            "line changed without quoting a fed figure:\n- {}\n+ {}",
            old_lines[i],
            new_lines[i]
        );
    }
    for (i, line) in old_lines.iter().enumerate() {
        if fed.iter().any(|f| quotes(line, f)) {
            assert!(
                changed.contains(&i),
                "line quotes a fed figure but did not change: {line}"
            );
        }
    }
    // Spot checks of the new figures, in a table row and in prose.
    assert!(new.contains("办公费\t商品和服务支出\t3.15\t\t3.15"));
    assert!(new.contains("预算收入总计1,102.04万元"));
    assert!(new.contains("比上年减少109.28万元，下降9.02%"));
}
