//! A layout set's templates, compiled once: the set is opened once per run
//! and serves every unit of a batch, so a paragraph's template is parsed the
//! first time it is rendered and reused after (by every thread).

use super::error::LayoutError;
use super::filters;
use super::spec::SetSpec;
use minijinja::{AutoEscape, Environment, Template, UndefinedBehavior};
use std::collections::BTreeMap;

/// Stands for a `*` that came from a value, not from the template: user text
/// is never markup, so `**` in a project's name stays two stars. A
/// noncharacter, which the loader refuses in any input.
pub const VALUE_STAR: char = '\u{FDD0}';

/// Opens a name that is a template's own source text. A noncharacter no
/// input may hold, so `{% include "x" %}` of an unknown file never reads
/// its own name as a template.
const INLINE: char = '\u{FDD1}';

/// Steps one template may take: the bundled sets' largest (a 1,000-project
/// unit) take under 100,000; a layout that loops without end stops here.
pub const TEMPLATE_FUEL: u64 = 2_000_000;

pub struct Templates {
    env: Environment<'static>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Templates {
    /// The set's environment: its filters, number formats, `vars` and macro
    /// files. A macro file with a syntax error is refused by its name.
    pub fn new(spec: &SetSpec, files: &BTreeMap<String, String>) -> Result<Templates, LayoutError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(TEMPLATE_FUEL));
        // Macros' output is then marked safe: their own literal text may
        // carry markup, while every value they print was escaped inside.
        env.set_auto_escape_callback(|_| AutoEscape::Custom("gongkai-markup".into()));
        env.set_formatter(|out, _state, value| {
            let text = value.to_string();
            if value.is_safe() {
                out.write_str(&text)?;
            } else {
                out.write_str(&text.replace('*', &VALUE_STAR.to_string()))?;
            }
            Ok(())
        });
        filters::register(&mut env);
        filters::register_formats(&mut env, &spec.number_formats, &spec.display_variants);
        env.add_global("vars", minijinja::Value::from(spec.vars.clone()));
        for (name, text) in files {
            env.add_template_owned(name.clone(), text.clone())
                .map_err(|e| LayoutError::template(name, "（整个文件）", &e))?;
        }
        env.set_loader(|name| Ok(name.strip_prefix(INLINE).map(str::to_string)));
        Ok(Templates { env })
    }

    /// The template whose source is `source`, compiled on first use.
    pub fn inline(&self, source: &str) -> Result<Template<'_, '_>, minijinja::Error> {
        self.env.get_template(&format!("{INLINE}{source}"))
    }

    pub fn env(&self) -> &Environment<'static> {
        &self.env
    }
}
