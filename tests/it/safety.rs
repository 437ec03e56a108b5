//! Never destroy: what gongkai did not make survives every batch and build,
//! byte for byte; a failed build leaves the previous files whole.

use crate::common::{SAMPLE, as_str, gongkai, root, sample_text, snapshot};
use std::path::{Path, PathBuf};

const BUREAU: &str = "samples/datong-finance-bureau-2024";
/// The unit most tests need: the bureau's 行政单位.
const OFFICE: &str = "samples/datong-finance-bureau-2024/01-财政局机关.yaml";

/// A bureau folder named `name` inside `parent`: the sample's 部门.yaml
/// listing `units` (copies of sample files, by their names here).
fn bureau(parent: &Path, name: &str, units: &[(&str, &str)]) -> PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let dept = std::fs::read_to_string(root().join(BUREAU).join("部门.yaml")).expect("read");
    let start = dept.find("单位文件:").expect("list");
    let end = dept[start..].find("\n\n").expect("end of list") + start;
    let list: String = units.iter().map(|(n, _)| format!("  - {n}\n")).collect();
    let text = format!("{}单位文件:\n{list}{}", &dept[..start], &dept[end..]);
    std::fs::write(dir.join("部门.yaml"), text).expect("write");
    for (n, from) in units {
        std::fs::copy(root().join(from), dir.join(n)).expect("copy unit");
    }
    dir
}

fn batch(dir: &Path, out: &Path) -> (i32, String) {
    let o = gongkai(&["batch", as_str(dir), "-o", as_str(out), "--format", "txt"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!text.contains("panicked"), "{text}");
    (o.status.code().unwrap_or(-1), text)
}

#[test]
fn a_batch_into_the_bureau_folders_parent_leaves_the_bureau_alone() {
    // The reproducer: `gongkai batch 大同市财政局 -o .`, the bureau folder
    // named like its department.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = bureau(
        tmp.path(),
        "大同市财政局",
        &[("01-财政局机关.yaml", OFFICE)],
    );
    std::fs::write(dir.join("备忘.docx"), b"officer's notes").expect("write");
    let before = snapshot(&dir);
    let (code, text) = batch(&dir, tmp.path());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("存放输入文件的文件夹"), "{text}");
    assert_eq!(snapshot(&dir), before, "the bureau folder is untouched");
    // The unit itself was built beside it.
    assert!(
        tmp.path()
            .join("大同市财政局机关")
            .join(".gongkai.json")
            .is_file()
    );
}

#[test]
fn a_folder_gongkai_did_not_make_is_never_replaced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = bureau(tmp.path(), "in", &[("a.yaml", OFFICE)]);
    let out = tmp.path().join("out");
    // The officer's own folders, named like the unit and the department.
    for name in ["大同市财政局机关", "大同市财政局"] {
        let mine = out.join(name);
        std::fs::create_dir_all(mine.join("sub")).expect("mkdir");
        std::fs::write(mine.join("sub/keep.txt"), name.as_bytes()).expect("write");
    }
    let before = snapshot(&out);
    let (code, text) = batch(&dir, &out);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("不是 gongkai 生成的"), "{text}");
    let after = snapshot(&out);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{path:?} changed");
    }
}

#[test]
fn reserved_names_and_strangers_files_survive_recovery() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(root().join(OFFICE))
        .expect("read")
        .replacen("名称: 大同市财政局机关", "名称: 生成结果.json", 1);
    let dir = bureau(tmp.path(), "in", &[("a.yaml", OFFICE)]);
    std::fs::write(dir.join("a.yaml"), text).expect("write");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    // Names recovery looks at, held by a file and a stranger's folder.
    std::fs::write(out.join(".gongkai-old-x"), b"a file").expect("write");
    std::fs::create_dir_all(out.join(".gongkai-new-y")).expect("mkdir");
    std::fs::write(out.join(".gongkai-new-y/mine.txt"), b"mine").expect("write");
    for _ in 0..2 {
        let (code, text) = batch(&dir, &out);
        assert_eq!(code, 0, "{text}");
        assert!(out.join("生成结果.json").is_file(), "the summary is a file");
        let safe = std::fs::read_dir(&out)
            .expect("read_dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("单位-"))
            .filter(|e| e.path().join(".gongkai.json").is_file())
            .count();
        assert_eq!(safe, 1, "a reserved name gets a safe folder: {text}");
    }
    assert_eq!(
        std::fs::read(out.join(".gongkai-old-x")).expect("kept"),
        b"a file"
    );
    assert_eq!(
        std::fs::read(out.join(".gongkai-new-y/mine.txt")).expect("kept"),
        b"mine"
    );
}

/// A kill between deleting the replaced package's manifest and its folder
/// leaves an empty `.gongkai-old-…`: the next runs replace the package all
/// the same (they used to refuse it as "不是 gongkai 生成的" for good).
#[test]
fn an_empty_old_folder_a_kill_left_does_not_stop_the_next_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = bureau(tmp.path(), "in", &[("a.yaml", OFFICE)]);
    let out = tmp.path().join("out");
    let (code, text) = batch(&dir, &out);
    assert_eq!(code, 0, "{text}");
    let package = out.join("大同市财政局机关");
    assert!(package.join(".gongkai.json").is_file(), "{text}");
    let old = out.join(".gongkai-old-大同市财政局机关");
    // A change to the input, so the package must be replaced.
    let changed = std::fs::read_to_string(dir.join("a.yaml"))
        .expect("read")
        .replacen("\n落款:", "\n# 改正\n落款:", 1);
    std::fs::write(dir.join("a.yaml"), changed).expect("write");
    for round in 0..2 {
        std::fs::create_dir_all(&old).expect("mkdir");
        if round == 1 {
            // Now with the package gone too, as a kill between the renames.
            std::fs::remove_dir_all(&package).expect("rm");
        }
        let (code, text) = batch(&dir, &out);
        assert_eq!(code, 0, "round {round}: {text}");
        assert!(package.join(".gongkai.json").is_file(), "round {round}");
        assert!(!old.exists(), "round {round}: the empty folder is gone");
    }
    // One that holds something of someone's stays, and says why.
    std::fs::create_dir_all(&old).expect("mkdir");
    std::fs::write(old.join("mine.txt"), b"mine").expect("write");
    std::fs::write(
        dir.join("a.yaml"),
        std::fs::read(root().join(OFFICE)).expect("read"),
    )
    .expect("write");
    let (code, text) = batch(&dir, &out);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("不是 gongkai 生成的"), "{text}");
    assert_eq!(std::fs::read(old.join("mine.txt")).expect("kept"), b"mine");
}

#[test]
fn a_unit_no_longer_listed_keeps_its_package_and_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let two = [
        (
            "a.yaml",
            "samples/datong-finance-bureau-2024/01-财政局机关.yaml",
        ),
        (
            "b.yaml",
            "samples/datong-finance-bureau-2024/05-财经学校.yaml",
        ),
    ];
    let dir = bureau(tmp.path(), "in", &two);
    let out = tmp.path().join("out");
    assert_eq!(batch(&dir, &out).0, 0);
    let school = out.join("大同市财经学校");
    let before = snapshot(&school);
    let dir = bureau(tmp.path(), "in", &two[..1]);
    let (code, text) = batch(&dir, &out);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("已不在部门.yaml中"), "{text}");
    assert_eq!(snapshot(&school), before);
    let summary = std::fs::read_to_string(out.join("生成结果.json")).expect("summary");
    assert!(summary.contains("\"retained\""), "{summary}");
}

#[test]
fn a_unit_file_that_is_not_a_budget_is_never_echoed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = bureau(tmp.path(), "in", &[("a.yaml", OFFICE)]);
    let secret = tmp.path().join("shadow");
    std::fs::write(&secret, "root:$6$s3cr3t:19000:0:99999:7:::\n").expect("write");
    let dept = std::fs::read_to_string(dir.join("部门.yaml")).expect("read");
    let dept = dept.replace("  - a.yaml\n", "  - a.yaml\n  - ../shadow\n");
    std::fs::write(dir.join("部门.yaml"), dept).expect("write");
    let out = tmp.path().join("out");
    let (code, text) = batch(&dir, &out);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("不是 gongkai 的预算文件"), "{text}");
    assert!(!text.contains("s3cr3t"), "{text}");
    let summary = std::fs::read_to_string(out.join("生成结果.json")).expect("summary");
    assert!(!summary.contains("s3cr3t"), "{summary}");
}

#[test]
fn build_never_replaces_a_file_it_did_not_write_or_one_edited_since() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    let txt = out.join("大同市财政信息中心2024年度单位预算公开.txt");
    std::fs::write(&txt, b"not gongkai's").expect("write");
    let run = |out: &Path| gongkai(&["build", SAMPLE, "-o", as_str(out), "--format", "txt,xlsx"]);
    let o = run(&out);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不是 gongkai 生成的文件"));
    assert_eq!(std::fs::read(&txt).expect("kept"), b"not gongkai's");
    assert_eq!(snapshot(&out).len(), 1, "nothing else was written");
    std::fs::remove_file(&txt).expect("rm");
    assert_eq!(run(&out).status.code(), Some(0));
    assert_eq!(
        run(&out).status.code(),
        Some(0),
        "its own files are rebuilt"
    );
    std::fs::write(&txt, b"polished by hand").expect("write");
    let o = run(&out);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("被修改过"));
    assert_eq!(std::fs::read(&txt).expect("kept"), b"polished by hand");
}

/// Runs a build whose files may not exceed `blocks` × 512 bytes, as on a
/// full disk: writes beyond fail (SIGXFSZ ignored, so write returns EFBIG).
#[cfg(unix)]
fn build_on_a_small_disk(file: &Path, out: &Path, blocks: u32) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" build \"$1\" -o \"$2\" --no-system-fonts"
        ))
        .arg(env!("CARGO_BIN_EXE_gongkai"))
        .arg(file)
        .arg(out)
        .current_dir(root())
        .output()
        .expect("sh runs")
}

#[cfg(unix)]
#[test]
fn a_full_disk_leaves_the_previous_package_whole() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let file = tmp.path().join("unit.yaml");
    std::fs::write(&file, sample_text()).expect("write");
    let o = build_on_a_small_disk(&file, &out, 1 << 20);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let before = snapshot(&out);
    assert_eq!(before.len(), 5, "four files and the record");
    // A correction, then a build that runs out of room part way.
    std::fs::write(&file, sample_text().replace("金额: 21500", "金额: 31500")).expect("write");
    let o = build_on_a_small_disk(&file, &out, 100);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("无法写入") && err.contains("未替换任何文件"),
        "{err}"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "every file as it was, nothing left over"
    );
}
