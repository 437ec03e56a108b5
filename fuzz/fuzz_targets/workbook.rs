//! libFuzzer target `workbook`: tests/fuzz/targets.rs's `Target::Workbook`. A broken
//! invariant panics, which libFuzzer keeps as a crash, as it keeps an abort
//! (stack overflow, out of memory) or a timeout.
#![no_main]

#[path = "../../tests/fuzz/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = targets::Target::Workbook.run(data) {
        panic!("{broken}");
    }
});
