//! Fields a layout set declares: a budget writes them under 版式字段, the
//! checker holds them to the declaration (with the line), the schema lists
//! them and the templates print them.

use crate::common;

use crate::common::{
    SAMPLE, as_str, build_with_layout, copied_set, edit, gongkai, output_file, root,
};
use std::path::Path;

/// Added to the set's own `fields:` (it declares the 绩效表's already).
const DECLARATION: &str = "fields:
  预算:
    公开网址: { type: 文字, description: 部门预算公开的网页地址, required: true }
  项目:
    用途: { type: 文字, description: 项目资金的主要用途 }
";

/// The unit set with two declared fields, and a paragraph printing them.
fn set_with_fields() -> tempfile::TempDir {
    let set = copied_set("shanxi-unit-2024");
    edit(&set.path().join("layout.yaml"), "fields:\n", DECLARATION);
    edit(
        &set.path().join("part3-explanation.yaml"),
        "- when: notes.statement\n",
        "- paragraph: \"本预算公开于{{ fields.公开网址 }}。{% for p in projects %}{% if p.fields.用途 %}{{ p.name }}用于{{ p.fields.用途 }}。{% endif %}{% endfor %}\"\n- when: notes.statement\n",
    );
    set
}

/// The sample with `fields` appended and a purpose on its first project.
fn sample_with(dir: &Path, top: &str, purpose_key: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join(SAMPLE)).expect("read sample");
    let first = "资金: { 一般公共预算: 370000 } }";
    assert!(text.contains(first));
    let text = text.replacen(
        first,
        &format!("资金: {{ 一般公共预算: 370000 }}, 版式字段: {{ {purpose_key}: 人员事务 }} }}"),
        1,
    ) + top;
    let file = dir.join("单位.yaml");
    std::fs::write(&file, text).expect("write");
    file
}

fn build(input: &Path, set: &Path, out: &Path) -> std::process::Output {
    build_with_layout(as_str(input), out, "txt", as_str(set))
}

#[test]
fn a_declared_field_is_printed() {
    let set = set_with_fields();
    let dir = tempfile::tempdir().expect("tempdir");
    let input = sample_with(
        dir.path(),
        "版式字段:\n  公开网址: https://czj.example.gov.cn\n",
        "用途",
    );
    let out = dir.path().join("out");
    let o = build(&input, set.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(output_file(&out, ".txt")).expect("read txt");
    assert!(
        text.contains("本预算公开于https://czj.example.gov.cn。QT专项人员事务经费用于人员事务。"),
        "{text}"
    );
}

#[test]
fn a_misspelt_field_is_an_error_at_its_line() {
    let set = set_with_fields();
    let dir = tempfile::tempdir().expect("tempdir");
    let input = sample_with(
        dir.path(),
        "版式字段:\n  公开网址: https://czj.example.gov.cn\n",
        "用图",
    );
    let line = common::line_in_file(&input, "用图");
    let out = dir.path().join("out");
    let o = build(&input, set.path(), &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("版式字段“用图”没有在版式中声明，您是否想写“用途”"),
        "{err}"
    );
    assert!(err.contains(&format!(":{line}:")), "line {line}: {err}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_required_field_left_out_and_a_wrong_type_are_errors() {
    let set = set_with_fields();
    let dir = tempfile::tempdir().expect("tempdir");
    let input = sample_with(dir.path(), "", "用途");
    let o = build(&input, set.path(), &dir.path().join("out"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("缺少版式要求的字段“公开网址”"), "{err}");

    let input = sample_with(dir.path(), "版式字段:\n  公开网址: [甲, 乙]\n", "用途");
    let o = build(&input, set.path(), &dir.path().join("out"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("版式字段“公开网址”应为文字"), "{err}");
}

#[test]
fn the_schema_of_a_layout_lists_its_fields() {
    let set = set_with_fields();
    let o = gongkai(&["schema", "--layout", as_str(set.path())]);
    assert!(o.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let top = &schema["properties"]["版式字段"];
    assert_eq!(top["required"], serde_json::json!(["公开网址"]));
    assert!(
        top["properties"]["公开网址"]["description"]
            .as_str()
            .is_some_and(|d| d.contains("部门预算公开的网页地址"))
    );
    let project = &schema["$defs"]["Project"]["properties"]["版式字段"];
    assert!(project["properties"]["用途"].is_object(), "{project}");
    // Without a layout, no field is declared and none may be written.
    let plain: serde_json::Value =
        serde_json::from_slice(&gongkai(&["schema"]).stdout).expect("json");
    assert_eq!(
        plain["properties"]["版式字段"]["properties"],
        serde_json::json!({})
    );
}

#[test]
fn a_required_path_that_names_no_field_fails_at_its_line() {
    let set = copied_set("shanxi-unit-2024");
    let entry = set.path().join("layout.yaml");
    edit(&entry, "国有资产.办公用房面积", "国有资产.办公面积");
    let line = common::line_in_file(&entry, "国有资产.办公面积");
    let dir = tempfile::tempdir().expect("tempdir");
    let o = build(&root().join(SAMPLE), set.path(), &dir.path().join("out"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("check.requires 中的“国有资产.办公面积”不是预算文件的字段"),
        "{err}"
    );
    assert!(err.contains(&format!("第 {line} 行")), "line {line}: {err}");
}

/// Wording a format's documents vary is a declared field with a default
/// (issue 36, item 3): the Shanghai set's 设备计量单位 prints 台（套） unless
/// the file writes its own under 版式字段; schema lists the default; a
/// default not of the field's type is refused at its line.
#[test]
fn wording_has_a_default_a_file_may_override() {
    let library = crate::common::root().join("samples/shanghai-putuo-wenlvju-2026/05-图书馆.yaml");
    let text = std::fs::read_to_string(&library).expect("sample");
    let txt = |text: &str| crate::common::text_with_set(text, Path::new("shanghai-unit-2026"));
    let default = txt(&text);
    assert!(
        default.contains("以上设备（不含车辆）0台（套）。"),
        "{default}"
    );
    let own = txt(&text.replacen("版式字段:\n", "版式字段:\n  设备计量单位: 套\n", 1));
    assert!(own.contains("以上设备（不含车辆）0套。"), "{own}");
    assert!(!own.contains("台（套）"), "{own}");
    let run = crate::common::gongkai(&["schema", "--layout", "shanghai-unit-2026"]);
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(
        schema["properties"]["版式字段"]["properties"]["设备计量单位"]["default"],
        "台（套）"
    );
    let set = crate::common::copied_set("shanghai-department-2026");
    let layout = set.path().join("layout.yaml");
    crate::common::edit(
        &layout,
        "type: 文字, description: \"单价100万元",
        "type: 整数, description: \"单价100万元",
    );
    let said = crate::common::set_refused_at(set.path(), |l| l.contains("设备计量单位:"));
    assert!(
        said.contains("fields 的“设备计量单位”的 default 应为整数"),
        "{said}"
    );
}
