//! Every integration test in one crate (one binary to build and link, as
//! rust_xlsxwriter keeps them): a module per suite, sharing `common`. Run
//! one suite with `cargo test --test it SUITE::`.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod batch;
mod bounds;
mod catalog_reference;
mod check_profile;
mod check_rules;
mod city;
mod cli;
mod department_text;
mod diff;
mod display_variants;
mod docx;
mod final_accounts;
mod font_roles;
mod fuzz_replay;
mod hostile_input;
mod indicator_scheme;
mod layout_change;
mod layout_fields;
mod layout_lint;
mod layout_set;
mod layout_text;
mod layout_variants;
mod ledger;
mod messages;
mod number_formats;
mod ofd;
mod ooxml_schema;
mod page_structure;
mod page_style;
mod paper;
mod pdf;
mod pdf_archive;
mod reference_figures;
mod reference_images;
mod richer_figures;
mod safety;
mod set_wording;
mod shanghai_reference;
mod sources;
mod structure;
mod toc_entry;
mod typography;
mod workbook;
mod xlsx;
mod years;
