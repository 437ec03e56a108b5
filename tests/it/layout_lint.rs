//! `gongkai check --layout DIR` with no file tries the set on the budget its
//! layout.yaml names as `sample:`; with files, each clean file is also laid
//! out. A template or table that fails is an error of the check, with the
//! file and table named, before any build.

use crate::common::{SAMPLE, as_str, copied_set, edit, gongkai_said as check, root};

fn set_with_sample() -> tempfile::TempDir {
    let set = copied_set("shanxi-unit-2024");
    std::fs::copy(root().join(SAMPLE), set.path().join("样例.yaml")).expect("copy sample");
    edit(
        &set.path().join("layout.yaml"),
        "macros: macros.j2",
        "macros: macros.j2\nsample: 样例.yaml",
    );
    set
}

#[test]
fn a_sound_set_passes_on_its_sample() {
    let set = set_with_sample();
    let (code, out) = check(&["check", "--layout", as_str(set.path())]);
    assert!(!out.contains("layout-failed"), "{out}");
    assert!(
        out.contains("样例.yaml") && out.contains("0 个错误"),
        "{out}"
    );
    assert_ne!(code, Some(1), "{out}");
}

#[test]
fn a_table_whose_cells_and_columns_disagree_fails_the_check() {
    let set = set_with_sample();
    edit(
        &set.path().join("tables/03-expenditure.yaml"),
        "{ wan: item.fig.total }, { wan: item.fig.basic }, { wan: item.fig.project }]",
        "{ wan: item.fig.total }, { wan: item.fig.basic }, { wan: item.fig.project }, 多余]",
    );
    let (code, out) = check(&["check", "--layout", as_str(set.path())]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("layout-failed")
            && out.contains("预算支出总表")
            && out.contains("超出了 5 列"),
        "{out}"
    );
    // The same with a file given, and nothing is written anywhere.
    let (code, out) = check(&["check", SAMPLE, "--layout", as_str(set.path())]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("layout-failed"), "{out}");
}

#[test]
fn a_template_mistake_fails_the_check() {
    let set = set_with_sample();
    edit(
        &set.path().join("part3-explanation.yaml"),
        "{{ procurement.total | wan }}",
        "{{ procurement.totl | wan }}",
    );
    let (code, out) = check(&["check", "--layout", as_str(set.path())]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("part3-explanation.yaml") && out.contains("procurement.totl"),
        "{out}"
    );
}

#[test]
fn without_a_file_or_a_sample_the_check_says_what_to_give() {
    let set = copied_set("shanxi-unit-2024");
    let (code, out) = check(&["check", "--layout", as_str(set.path())]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("sample"), "{out}");
}
