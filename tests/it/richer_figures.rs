//! Figures some formats state and others do not: a reason for each “三公”
//! item, the procurement reserved for 中小企业 and 小型和微型企业, and the
//! projects with 绩效目标. Each reaches the templates (a copied set prints
//! them), and the checker holds the reserves to the procurement.

use crate::common;

use crate::common::{
    as_str, copied_set, edit, file_text_with_set, gongkai, sample_text, text_with_set,
};

fn richer_sample() -> String {
    let text = sample_text();
    for needle in [
        "  服务: 3151900\n",
        "公务用车运行维护费: 16000 }\n\n",
        "功能科目: 2010699, 资金: { 一般公共预算: 106800 } }",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    text.replace(
        "  服务: 3151900\n",
        "  服务: 3151900\n  面向中小企业预留: 2603500\n  其中小微企业: 847330\n",
    )
    .replacen(
        "公务用车运行维护费: 16000 }\n\n",
        "公务用车运行维护费: 16000 }\n  各项原因: { 公务用车运行维护费: 厉行节约, 公务接待费: 无公务接待安排 }\n\n",
        1,
    )
    .replace(
        "功能科目: 2010699, 资金: { 一般公共预算: 106800 } }",
        "功能科目: 2010699, 资金: { 一般公共预算: 106800 }, 编报绩效目标: true }",
    )
}

#[test]
fn templates_read_item_reasons_reserves_and_targeted_projects() {
    let set = copied_set("shanxi-unit-2024");
    edit(
        &set.path().join("part3-explanation.yaml"),
        "政府采购预算总额{{ procurement.total | wan }}万元",
        "面向中小企业预留{{ procurement.reserved_sme | wan }}万元，其中小微企业{{ procurement.reserved_small | wan }}万元；\
         运行费原因{{ three_public.car_running.reason }}，接待费原因{{ three_public.reception.reason }}；\
         编报绩效目标的项目{{ performance.targeted_count }}个，涉及{{ performance.targeted_amount | wan }}万元；\
         政府采购预算总额{{ procurement.total | wan }}万元",
    );
    let text = text_with_set(&richer_sample(), set.path());
    assert!(
        text.contains("面向中小企业预留260.35万元，其中小微企业84.73万元；运行费原因厉行节约，接待费原因无公务接待安排；编报绩效目标的项目1个，涉及10.68万元；"),
        "{text}"
    );
}

#[test]
fn the_schema_describes_the_new_fields() {
    let o = gongkai(&["schema"]);
    let schema = String::from_utf8_lossy(&o.stdout);
    for key in [
        "面向中小企业预留",
        "其中小微企业",
        "各项原因",
        "编报绩效目标",
        "公务用车购置及运行费",
    ] {
        assert!(schema.contains(&format!("\"{key}\"")), "{key}");
    }
}

/// The unit set with one sentence stating each source's change.
fn by_source_set() -> tempfile::TempDir {
    let set = copied_set("shanxi-unit-2024");
    edit(
        &set.path().join("part3-explanation.yaml"),
        "政府采购预算总额{{ procurement.total | wan }}万元",
        "{% for s in sources %}{{ s.name }}{% if s.change %}{{ s.change.direction }}{{ s.change.diff | wan }}{% else %}未知{% endif %}；{% endfor %}\
         财政拨款{% if fiscal_change %}{{ fiscal_change.direction }}{{ fiscal_change.diff | wan }}{% else %}未知{% endif %}；\
         政府采购预算总额{{ procurement.total | wan }}万元",
    );
    set
}

#[test]
fn last_years_sources_give_each_sources_change() {
    let set = by_source_set();
    // Typed: 上年.按来源.
    let dir = tempfile::tempdir().expect("tempdir");
    let typed = dir.path().join("单位.yaml");
    std::fs::write(
        &typed,
        sample_text().replace(
            "  一般公共预算当年支出: 12113200\n",
            "  一般公共预算当年支出: 12113200\n  按来源: { 一般公共预算: 12113200, 政府性基金预算: 0 }\n",
        ),
    )
    .expect("write");
    let text = file_text_with_set(&typed, set.path());
    assert!(
        text.contains("一般公共预算down110.28；政府性基金预算flat0；国有资本经营预算flat0；财政专户管理资金flat0；单位资金flat0；财政拨款down110.28；"),
        "{text}"
    );
    // Neither typed nor linked: unknown, never a change from zero.
    let text = file_text_with_set(&common::root().join(common::SAMPLE), set.path());
    assert!(
        text.contains("一般公共预算未知；") && text.contains("财政拨款未知；"),
        "{text}"
    );
    // Linked: from last year's own file.
    let linked = common::root().join("samples/datong-finance-info-center-2025.yaml");
    let text = file_text_with_set(&linked, set.path());
    assert!(text.contains("单位资金up12.00；"), "{text}");
}

#[test]
fn a_line_may_put_its_money_on_the_other_side_than_the_catalogues() {
    let line = "  - { 功能科目: 2080502, 经济科目: 30302, 政府经济科目: 50905, 金额: 167600 }";
    let text = sample_text();
    assert!(text.contains(line));
    let split = text.replace(
        line,
        "  - { 功能科目: 2080502, 经济科目: 30302, 政府经济科目: 50905, 金额: 137600 }\n  - { 功能科目: 2080502, 经济科目: 30302, 政府经济科目: 50905, 金额: 30000, 经费类型: 公用经费 }",
    );
    let out = common::text_of(&split);
    // 表六: 退休费 and its 类 split between 人员经费 and 公用经费.
    assert!(
        out.contains("\n退休费\t离退休费\t16.76\t13.76\t3.00\n"),
        "{out}"
    );
    assert!(
        out.contains("\n对个人和家庭的补助\t\t16.94\t13.94\t3.00\n"),
        "{out}"
    );
    assert!(out.contains("人员经费207.62万元"), "{out}");
    assert!(out.contains("公用经费13.86万元"), "{out}");
}

#[test]
fn vehicle_categories_and_planned_purchases_follow_the_set() {
    let set = copied_set("shanxi-unit-2024");
    let layout = set.path().join("layout.yaml");
    edit(
        &layout,
        "vehicle_categories: [领导用车, 机要通信用车, 应急保障用车, 执法执勤用车, 特种专业技术用车, 事业单位业务用车, 其他公务用车]",
        "vehicle_categories: [部级领导干部用车, 主要领导干部用车, 机要通信用车, 应急保障用车, 执法执勤用车, 特种专业技术用车, 离退休干部用车, 其他用车]",
    );
    edit(
        &set.path().join("part3-explanation.yaml"),
        "政府采购预算总额{{ procurement.total | wan }}万元",
        "安排购置车辆{{ assets.planned.vehicle_total }}辆，其中：{% for c in assets.planned.vehicles %}{{ c.name }}{{ c.count }}辆{{ \"、\" if not loop.last }}{% endfor %}；\
         设备{{ assets.planned.equipment_over_100 }}台（套）；政府采购预算总额{{ procurement.total | wan }}万元",
    );
    let sample = sample_text().replace(
        "    分类: { 其他公务用车: 1 }\n",
        "    分类: { 其他用车: 1 }\n  购置计划: { 车辆: { 执法执勤用车: 1 }, 100万元以上设备: 0 }\n",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("单位.yaml");
    std::fs::write(&input, &sample).expect("write");
    let text = file_text_with_set(&input, set.path());
    assert!(
        text.contains("实有1辆，其中：部级领导干部用车0辆，主要领导干部用车0辆，机要通信用车0辆，应急保障用车0辆，执法执勤用车0辆，特种专业技术用车0辆，离退休干部用车0辆，其他用车1辆。"),
        "{text}"
    );
    assert!(text.contains("安排购置车辆1辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车1辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆；设备0台（套）；"), "{text}");

    // A name the set does not have is an error, with the nearest suggested.
    std::fs::write(&input, sample.replace("其他用车: 1", "其它用车: 1")).expect("write");
    let o = gongkai(&["check", as_str(&input), "--layout", as_str(set.path())]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("vehicle-category-unknown")
            && err.contains("车辆分类“其它用车”")
            && err.contains("是否指“其他用车”"),
        "{err}"
    );
}
