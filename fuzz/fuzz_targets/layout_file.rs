//! libFuzzer target `layout_file`: tests/fuzz/targets.rs's `Target::LayoutFile`. A broken
//! invariant panics, which libFuzzer keeps as a crash, as it keeps an abort
//! (stack overflow, out of memory) or a timeout.
#![no_main]

#[path = "../../tests/fuzz/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = targets::Target::LayoutFile.run(data) {
        panic!("{broken}");
    }
});
