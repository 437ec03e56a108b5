//! The years a 绩效目标表 carries from the year it was filled for: its
//! 年度目标, 实施计划 and 指标 name the budget year (`2024年`), and it was
//! filled in that year or the one before (填报日期). Those move with the
//! draft; any other year in them is left for the officer, and listed.

use crate::model::Budget;

/// One field moved: its path, its text before and after.
pub struct Moved {
    pub path: String,
    pub before: String,
    pub after: String,
}

/// The time-bound texts of every form, by path.
fn fields(b: &mut Budget) -> Vec<(String, &mut String)> {
    let mut out: Vec<(String, &mut String)> = Vec::new();
    for (i, form) in b.performance_forms.iter_mut().enumerate() {
        let at = format!("绩效目标表[{i}]");
        out.push((format!("{at}.总体目标.年度"), &mut form.goals.annual));
        out.push((format!("{at}.项目实施计划"), &mut form.plan));
        for (l1, groups) in form.indicators.0.iter_mut() {
            for (l2, list) in groups.iter_mut() {
                for (n, ind) in list.iter_mut().enumerate() {
                    let p = format!("{at}.绩效指标.{l1}.{l2}[{n}]");
                    out.push((format!("{p}.名称"), &mut ind.name));
                    out.push((format!("{p}.指标值"), &mut ind.value));
                }
            }
        }
    }
    out
}

/// Moves what it can prove is `from`'s to `to`, and says what it moved.
pub fn moved(b: &mut Budget, from: i32, to: i32) -> Vec<Moved> {
    let mut out = Vec::new();
    let (old, new) = (format!("{from}年"), format!("{to}年"));
    for (path, text) in fields(b) {
        if text.contains(&old) {
            let after = text.replace(&old, &new);
            out.push(Moved {
                path,
                before: std::mem::replace(text, after.clone()),
                after,
            });
        }
    }
    let shift = to - from;
    for (i, form) in b.performance_forms.iter_mut().enumerate() {
        let f = &mut form.filled_at;
        let year = f.get(..4).and_then(|y| y.parse::<i32>().ok());
        if let Some(y) = year.filter(|y| *y == from || *y == from - 1) {
            let after = format!("{}{}", y + shift, &f[4..]);
            out.push(Moved {
                path: format!("绩效目标表[{i}].填报日期"),
                before: std::mem::replace(f, after.clone()),
                after,
            });
        }
    }
    out
}

/// The draft's comment on the forms: what moved, and the fields still
/// naming another year, for the officer to decide.
pub fn note(b: &Budget, moved: &[Moved], from: i32, to: i32) -> String {
    let mut b = b.clone();
    let left: Vec<String> = fields(&mut b)
        .into_iter()
        .filter(|(_, text)| years_in(text).iter().any(|y| *y != to && *y != to - 1))
        .map(|(path, _)| path)
        .collect();
    let mut out = String::new();
    if !moved.is_empty() {
        out.push_str(&format!(
            "# 绩效目标表中写 {from} 年的年度目标、实施计划、指标和填报日期已改为 {to} 年（{} 处），请核对。\n",
            moved.len()
        ));
    }
    if !left.is_empty() {
        out.push_str("# 下列绩效目标表的内容写的是其他年份，无法判断是否应顺延，请核对：\n");
        for p in left {
            out.push_str(&format!("#   {p}\n"));
        }
    }
    out
}

/// Four-digit years written before 年.
fn years_in(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(5)
        .enumerate()
        .filter(|(i, w)| {
            w[4] == '年'
                && w[..4].iter().all(char::is_ascii_digit)
                && (*i == 0 || !chars[i - 1].is_ascii_digit())
        })
        .filter_map(|(_, w)| w[..4].iter().collect::<String>().parse().ok())
        .collect()
}
