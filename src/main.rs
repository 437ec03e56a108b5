//! The `gongkai` command line.

use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};
use gongkai::batch::{BatchOptions, Status};
use gongkai::check::RULES;
use gongkai::conventions::Conventions;
use gongkai::diagnostic::{render_human, render_json, summary_line};
use gongkai::fonts::{self, FontBook, FontOptions};
use gongkai::layout::{LayoutSet, default_department_set, default_set};
use gongkai::render::docx::Scope;
use gongkai::run::{
    BuildOptions, Checked, OutputFormat, build_file_with, check_and_lay_out, exit_code, with_fonts,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Output that never panics: when the reader has gone (`gongkai rules |
/// head`), what is left is dropped and the command still exits with its code.
macro_rules! out {
    ($($t:tt)*) => { emit(&mut std::io::stdout(), format_args!($($t)*)) };
}
macro_rules! outln {
    ($($t:tt)*) => { emit(&mut std::io::stdout(), format_args!("{}\n", format_args!($($t)*))) };
}
macro_rules! err {
    ($($t:tt)*) => { emit(&mut std::io::stderr(), format_args!($($t)*)) };
}
macro_rules! errln {
    ($($t:tt)*) => { emit(&mut std::io::stderr(), format_args!("{}\n", format_args!($($t)*))) };
}

fn emit(w: &mut dyn std::io::Write, args: std::fmt::Arguments) {
    let _ = w.write_fmt(args);
}

const TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "gongkai（公开）：由预算 YAML 生成单位预算公开材料，并在发布前检查数据。",
    help_template = TEMPLATE,
    subcommand_help_heading = "命令",
    disable_help_subcommand = true,
    subcommand_value_name = "命令",
    disable_help_flag = true,
    disable_version_flag = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "选项", display_order = 1000)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "选项")]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 检查预算文件：合计、表间勾稽、科目、绩效目标表、模板残留等
    #[command(help_template = TEMPLATE, disable_help_flag = true, override_usage = "gongkai check [选项] <文件>...")]
    Check {
        /// 要检查的预算文件（可多个）；每个文件没有错误时，还用版式试排一遍。不写时检查 --layout 版式本身：用它 layout.yaml 中 sample 指定的预算文件试排
        #[arg(value_name = "文件", help_heading = "参数")]
        files: Vec<PathBuf>,
        /// 输出格式：human（默认，带源码行的说明）或 json
        #[arg(
            long,
            value_enum,
            ignore_case = true,
            default_value = "human",
            value_name = "格式",
            help_heading = "选项",
            hide_default_value = true,
            hide_possible_values = true
        )]
        format: Format,
        /// 版式（默认为内置的单位版式）：用它的字体检查每个字能否印出，用它的 catalog 文件夹中的科目目录，按它的约定（资产统计日、表格金额单位、车辆分类、绩效指标体系、版式字段）检查
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
        /// 检查主管部门（给出文件夹或其中的部门.yaml）时部门汇总所用的版式（默认为内置的部门版式），按它的约定检查部门文件
        #[arg(long = "department-layout", value_name = "版式", help_heading = "选项")]
        department_layout: Option<String>,
        #[command(flatten)]
        fonts: FontArgs,
        #[command(flatten)]
        catalog: CatalogArg,
    },
    /// 生成预算公开材料（先检查数据，有错误时不生成）
    #[command(help_template = TEMPLATE, disable_help_flag = true, override_usage = "gongkai build [选项] <文件> -o <文件夹>")]
    Build {
        /// 预算文件
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 输出文件夹（不存在时自动创建）
        #[arg(
            short = 'o',
            long = "out",
            value_name = "文件夹",
            help_heading = "选项"
        )]
        out: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// 批量生成：主管部门文件夹中每个单位的材料，以及汇总的部门预算公开材料
    #[command(help_template = TEMPLATE, disable_help_flag = true, override_usage = "gongkai batch [选项] <文件夹> -o <文件夹>")]
    Batch {
        /// 主管部门文件夹（含部门.yaml 和各单位的预算文件），或市级文件夹（每个子文件夹是一个主管部门）
        #[arg(value_name = "文件夹", help_heading = "参数")]
        dir: PathBuf,
        /// 输出文件夹：每个单位和部门各一个子文件夹，另有生成结果.json
        #[arg(
            short = 'o',
            long = "out",
            value_name = "文件夹",
            help_heading = "选项"
        )]
        out: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
        /// 部门汇总材料的版式（默认为内置的部门版式）
        #[arg(long = "department-layout", value_name = "版式", help_heading = "选项")]
        department_layout: Option<String>,
        /// 全部重新生成（默认跳过输入未变化的单位）
        #[arg(long, help_heading = "选项")]
        force: bool,
        /// 同时生成的单位数（默认等于 CPU 核数）
        #[arg(long, short = 'j', value_name = "数量", help_heading = "选项")]
        jobs: Option<usize>,
        /// 不生成材料，而是为整个文件夹生成该年度的草稿（部门.yaml 和每个单位的文件，上年指向原文件），写入 -o 指定的文件夹
        #[arg(long = "new-year", value_name = "年度", help_heading = "选项")]
        new_year: Option<i32>,
    },
    /// 由本年的预算文件生成下一年的草稿：单位情况、职责、机构和各行数据照搬，上年数由本文件计算
    #[command(help_template = TEMPLATE, disable_help_flag = true, override_usage = "gongkai new-year [选项] <文件> -o <新文件>")]
    NewYear {
        /// 本年的预算文件
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 草稿文件（不能是已有的文件）
        #[arg(
            short = 'o',
            long = "out",
            value_name = "新文件",
            help_heading = "选项"
        )]
        out: PathBuf,
        /// 新的年度（默认为下一年，须正好晚一年）
        #[arg(long, value_name = "年度", help_heading = "选项")]
        year: Option<i32>,
        /// 版式：用它的 catalog 文件夹中的科目目录（默认为内置的单位版式）
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
        #[command(flatten)]
        catalog: CatalogArg,
    },
    /// 比较同一单位的两个预算文件：改动了哪些数字、表格单元格和说明文字；相邻两个年度时按同比比较
    #[command(help_template = TEMPLATE, disable_help_flag = true, override_usage = "gongkai diff [选项] <原文件> <新文件>")]
    Diff {
        /// 改动前的预算文件
        #[arg(value_name = "原文件", help_heading = "参数", display_order = 1)]
        old: PathBuf,
        /// 改动后的预算文件
        #[arg(value_name = "新文件", help_heading = "参数", display_order = 2)]
        new: PathBuf,
        /// 输出格式：human（默认）或 json
        #[arg(
            long,
            value_enum,
            ignore_case = true,
            default_value = "human",
            value_name = "格式",
            help_heading = "选项",
            hide_default_value = true,
            hide_possible_values = true
        )]
        format: Format,
        /// 版式（默认为内置的单位版式）
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
    },
    /// 列出版式的每个字体角色实际使用的字体（已安装的公文字体优先，其次为随附字体）
    #[command(
        help_template = TEMPLATE,
        disable_help_flag = true,
        override_usage = "gongkai fonts [选项]"
    )]
    Fonts {
        /// 版式：内置版式名称或版式文件夹路径（默认为内置的单位版式）
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
        #[command(flatten)]
        fonts: FontArgs,
    },
    /// 输出预算文件格式的 JSON Schema（供编辑器补全和校验）
    #[command(
        help_template = TEMPLATE,
        disable_help_flag = true,
        override_usage = "gongkai schema [选项]"
    )]
    Schema {
        /// 版式：内置版式名称或版式文件夹路径；给出时含该版式声明的版式字段
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
        /// 输出主管部门文件（部门.yaml）的格式，而不是单位预算文件的
        #[arg(long, help_heading = "选项")]
        department: bool,
    },
    /// 列出全部检查规则
    #[command(
        help_template = TEMPLATE,
        disable_help_flag = true,
        override_usage = "gongkai rules [选项]"
    )]
    Rules {
        /// 版式：标出该版式关闭的规则（版式的检查约定中写明关闭的）
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
    },
    /// 生成 Excel 填报工作簿：每部分一个工作表，表头为版式用语，科目、类型等可从下拉列表选择；填好后可直接 check、build
    #[command(
        help_template = TEMPLATE,
        disable_help_flag = true,
        override_usage = "gongkai template [选项] -o <文件.xlsx>"
    )]
    Template {
        /// 要生成的工作簿（.xlsx，不能是已有的文件）
        #[arg(
            short = 'o',
            long = "output",
            value_name = "文件",
            help_heading = "选项"
        )]
        out: PathBuf,
        /// 版式：内置版式名称或版式文件夹路径（默认为内置的单位版式）；决定版式字段、绩效指标体系和科目目录
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
        /// 预算年度（默认为 --from 文件的年度，或最新的内置科目目录年度）
        #[arg(long, value_name = "年度", help_heading = "选项")]
        year: Option<i32>,
        /// 用已有的预算文件（YAML 或工作簿）填好工作簿，如用上年的文件开始本年的填报
        #[arg(long, value_name = "文件", help_heading = "选项")]
        from: Option<PathBuf>,
        /// 生成主管部门文件（部门.xlsx，部门的职责、机构和变动原因等文字）的工作簿，而不是单位的
        #[arg(long, help_heading = "选项")]
        department: bool,
        #[command(flatten)]
        catalog: CatalogArg,
    },
    /// 把预算文件（YAML）导出为 Excel 工作簿，内容不变；导出的工作簿可直接 check、build，也可再 import 回 YAML
    #[command(
        help_template = TEMPLATE,
        disable_help_flag = true,
        override_usage = "gongkai export <文件> -o <文件.xlsx>"
    )]
    Export {
        /// 预算文件
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 要生成的工作簿（.xlsx，不能是已有的文件）
        #[arg(
            short = 'o',
            long = "output",
            value_name = "文件",
            help_heading = "选项"
        )]
        out: PathBuf,
    },
    /// 把填好的 Excel 工作簿导入为预算文件（YAML），便于比对和存档；或用导入方案读预算系统导出的支出明细
    #[command(
        help_template = TEMPLATE,
        disable_help_flag = true,
        override_usage = "gongkai import [选项] <文件.xlsx> -o <文件.yaml>"
    )]
    Import {
        /// 工作簿（.xlsx）：gongkai 的填报工作簿，或（给出 --profile 时）预算系统导出的明细
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 要生成的预算文件（.yaml，不能是已有的文件）
        #[arg(
            short = 'o',
            long = "output",
            value_name = "文件",
            help_heading = "选项"
        )]
        out: PathBuf,
        /// 导入方案：内置方案的名称（如 预算管理一体化系统）或方案文件（格式见 layouts/imports/）；明细的每行成为基本支出或项目
        #[arg(
            long,
            value_name = "方案",
            help_heading = "选项",
            requires = "unit_info"
        )]
        profile: Option<String>,
        /// 单位信息文件（YAML）：预算文件除基本支出、项目以外的内容（单位、上年、三公经费、说明文字等）
        #[arg(
            long = "unit-info",
            value_name = "文件",
            help_heading = "选项",
            requires = "profile"
        )]
        unit_info: Option<PathBuf>,
        /// 版式：用它的 catalog 文件夹中的科目目录判断哪些科目名称要写入文件（默认为内置的单位版式）
        #[arg(long, value_name = "版式", help_heading = "选项")]
        layout: Option<String>,
        #[command(flatten)]
        catalog: CatalogArg,
    },
}

/// Where the fonts come from (the PDF, and the check that every character
/// can be drawn).
#[derive(clap::Args)]
struct FontArgs {
    /// 另外查找字体的文件夹（可多次给出）
    #[arg(long = "fonts", value_name = "文件夹", help_heading = "选项")]
    fonts: Vec<PathBuf>,
    /// 不使用本机安装的字体，只用随附字体和 --fonts 指定的字体（不同电脑上输出一致）
    #[arg(long = "no-system-fonts", help_heading = "选项")]
    no_system_fonts: bool,
}

/// Which 科目目录 a budget is checked against.
#[derive(clap::Args)]
struct CatalogArg {
    /// 科目目录文件（YAML，格式同 layouts/catalog/2024.yaml），年度须与预算一致；不写时按预算年度使用版式的 catalog 文件夹或内置目录
    #[arg(long = "catalog", value_name = "文件", help_heading = "选项")]
    catalog: Option<PathBuf>,
}

impl CatalogArg {
    /// The file named, once it exists.
    fn file(self) -> Result<Option<PathBuf>, ExitCode> {
        match self.catalog {
            Some(f) if !f.is_file() => {
                errln!("错误：科目目录文件不存在：{}", f.display());
                Err(ExitCode::from(2))
            }
            other => Ok(other),
        }
    }
}

/// What build and batch write, and how.
#[derive(clap::Args)]
struct OutputArgs {
    /// 输出格式，可多选，用逗号分隔：pdf（印刷版全文）、xlsx（预算公开表）、docx（情况说明 Word 文档）、txt（全文文本，便于比对）、ofd（版式文件，与 PDF 同版面，供要求 OFD 的报送使用）；默认 pdf、xlsx、docx、txt
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        value_delimiter = ',',
        value_name = "格式",
        help_heading = "选项",
        hide_possible_values = true
    )]
    format: Vec<BuildFormat>,
    /// 版式：内置版式名称或版式文件夹路径（默认为内置的单位版式）
    #[arg(long, value_name = "版式", help_heading = "选项")]
    layout: Option<String>,
    /// Word 文档的范围：explanation（默认，版式标出的情况说明部分，如山西版式的第三部分及绩效目标表、说明；版式没有标出时为全部材料；文件名以“情况说明.docx”结尾）或 full（全部材料，文件名为“…预算公开.docx”）
    #[arg(
        long = "docx-scope",
        value_enum,
        ignore_case = true,
        default_value = "explanation",
        value_name = "范围",
        help_heading = "选项",
        hide_default_value = true,
        hide_possible_values = true
    )]
    docx_scope: DocxScope,
    /// 审核稿：PDF 和 Word 每页加“仅供内部审核”水印
    #[arg(long, help_heading = "选项")]
    draft: bool,
    /// PDF 的标准：plain（默认，普通 PDF）或 a-2b（PDF/A-2b，交档案部门长期保存用）
    #[arg(
        long = "pdf-standard",
        value_enum,
        ignore_case = true,
        default_value = "plain",
        value_name = "标准",
        help_heading = "选项",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pdf_standard: PdfStandard,
    #[command(flatten)]
    fonts: FontArgs,
    #[command(flatten)]
    catalog: CatalogArg,
}

impl FontArgs {
    /// The font options, once the font folders named exist.
    fn options(self) -> Result<FontOptions, ExitCode> {
        if let Some(missing) = self.fonts.iter().find(|d| !d.is_dir()) {
            errln!("错误：字体文件夹不存在：{}", missing.display());
            return Err(ExitCode::from(2));
        }
        Ok(FontOptions {
            system: !self.no_system_fonts,
            dirs: self.fonts,
        })
    }
}

impl OutputArgs {
    /// The options, once the font folders named exist.
    fn options(self) -> Result<BuildOptions, ExitCode> {
        let fonts = self.fonts.options()?;
        let catalog = self.catalog.file()?;
        Ok(BuildOptions {
            formats: if self.format.is_empty() {
                OutputFormat::ALL.to_vec()
            } else {
                self.format.iter().map(|&f| f.into()).collect()
            },
            docx_scope: match self.docx_scope {
                DocxScope::Explanation => Scope::Explanation,
                DocxScope::Full => Scope::Full,
            },
            draft: self.draft,
            fonts,
            catalog,
            pdf_standard: match self.pdf_standard {
                PdfStandard::Plain => gongkai::render::pdf::Standard::Plain,
                PdfStandard::A2b => gongkai::render::pdf::Standard::A2b,
            },
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum BuildFormat {
    Pdf,
    Xlsx,
    Docx,
    Txt,
    Ofd,
}

#[derive(Clone, Copy, ValueEnum)]
enum PdfStandard {
    Plain,
    #[value(name = "a-2b")]
    A2b,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocxScope {
    Explanation,
    Full,
}

impl From<BuildFormat> for OutputFormat {
    fn from(f: BuildFormat) -> OutputFormat {
        match f {
            BuildFormat::Txt => OutputFormat::Txt,
            BuildFormat::Xlsx => OutputFormat::Xlsx,
            BuildFormat::Pdf => OutputFormat::Pdf,
            BuildFormat::Docx => OutputFormat::Docx,
            BuildFormat::Ofd => OutputFormat::Ofd,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("（{}:{}）", l.file(), l.line()))
            .unwrap_or_default();
        let what = gongkai::run::panic_message(info.payload());
        errln!("gongkai 内部错误（程序缺陷，不是数据的问题，请报告维护者）：{what}{place}");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Check {
            files,
            format,
            layout,
            department_layout,
            fonts,
            catalog,
        } => {
            if let Some(dir) = files.iter().find_map(|f| department_folder(f)) {
                if files.len() > 1 {
                    errln!(
                        "错误：检查主管部门时只给出一个文件夹（或其中的部门文件），不要同时给出其他文件"
                    );
                    return ExitCode::from(2);
                }
                return check_department(
                    &dir,
                    format,
                    layout.as_deref(),
                    department_layout.as_deref(),
                    fonts,
                    catalog,
                );
            }
            let (set, book) = match set_and_fonts(layout.as_deref(), fonts) {
                Ok(found) => found,
                Err(code) => return code,
            };
            let catalogs = match catalog.file() {
                Ok(file) => set.conventions(file),
                Err(code) => return code,
            };
            let fonts = gongkai::run::Fonts {
                book: &book,
                roles: &set.spec.fonts,
            };
            let files = if files.is_empty() {
                match &set.sample {
                    Some(sample) => vec![sample.clone()],
                    None => {
                        errln!(
                            "错误：请给出要检查的预算文件；只检查版式时，用 --layout 指定版式文件夹，并在其 layout.yaml 中写 sample: 试排用的预算文件"
                        );
                        return ExitCode::from(2);
                    }
                }
            } else {
                files
            };
            let results: Vec<Checked> = files
                .iter()
                .map(|f| check_and_lay_out(f, Some(fonts), &catalogs, &set))
                .collect();
            match format {
                Format::Human => {
                    for c in &results {
                        out!("{}", render_human(&c.report, c.text.as_deref()));
                    }
                    let reports: Vec<_> = results.iter().map(|c| c.report.clone()).collect();
                    outln!("{}", summary_line(&reports));
                }
                Format::Json => {
                    let reports: Vec<_> = results.iter().map(|c| c.report.clone()).collect();
                    outln!("{}", render_json(&reports));
                }
            }
            ExitCode::from(exit_code(&results) as u8)
        }
        Command::Build { file, out, output } => {
            let layout = output.layout.clone();
            match output.options() {
                Ok(options) => build(&file, &out, &options, layout.as_deref()),
                Err(code) => code,
            }
        }
        Command::Batch {
            dir,
            out,
            output,
            department_layout,
            force,
            jobs,
            new_year,
        } => {
            if let Some(year) = new_year {
                let layout = output.layout.clone();
                return new_year_folder(&dir, &out, year, layout.as_deref(), output.catalog);
            }
            let unit_layout = output
                .layout
                .clone()
                .unwrap_or_else(|| default_set().to_string());
            let build = match output.options() {
                Ok(o) => o,
                Err(code) => return code,
            };
            let options = BatchOptions {
                build,
                force,
                unit_layout,
                department_layout: department_layout
                    .unwrap_or_else(|| default_department_set().to_string()),
                jobs,
            };
            batch(&dir, &out, &options)
        }
        Command::NewYear {
            file,
            out,
            year,
            layout,
            catalog,
        } => new_year(&file, &out, year, layout.as_deref(), catalog),
        Command::Diff {
            old,
            new,
            format,
            layout,
        } => diff(&old, &new, format, layout.as_deref()),
        Command::Fonts { layout, fonts } => list_fonts(layout.as_deref(), fonts),
        Command::Schema { layout, department } => {
            let profile = match layout.as_deref().map(|l| open_set(Some(l))) {
                None => gongkai::conventions::Profile::default(),
                Some(Ok(set)) => set.spec.check,
                Some(Err(code)) => return code,
            };
            let variants: Vec<&str> = profile
                .display_variants
                .keys()
                .map(String::as_str)
                .collect();
            let schema = if department {
                gongkai::schema::department_schema_with(&profile.fields, &variants)
            } else {
                let terms: Vec<&str> = profile.project_terms.iter().map(String::as_str).collect();
                gongkai::schema::budget_schema_with(
                    &profile.fields,
                    &profile.indicators,
                    &variants,
                    &terms,
                )
            };
            outln!("{schema}");
            ExitCode::SUCCESS
        }
        Command::Template {
            out,
            layout,
            year,
            from,
            department,
            catalog,
        } => {
            let conventions = match catalogs_of(layout.as_deref(), catalog) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let spec = gongkai::convert::TemplateSpec {
                conventions: &conventions,
                year,
                from: from.as_deref(),
                department,
            };
            match gongkai::convert::template(&spec, &out) {
                Ok(year) => {
                    outln!("已生成：{}（{year} 年填报工作簿）", out.display());
                    outln!("填好后：gongkai check {}", out.display());
                    ExitCode::SUCCESS
                }
                Err(f) => conversion_failed(f),
            }
        }
        Command::Export { file, out } => match gongkai::convert::export(&file, &out) {
            Ok(()) => {
                outln!("已生成：{}", out.display());
                ExitCode::SUCCESS
            }
            Err(f) => conversion_failed(f),
        },
        Command::Import {
            file,
            out,
            profile,
            unit_info,
            layout,
            catalog,
        } => match (profile, unit_info) {
            (Some(profile), Some(unit_info)) => {
                let conventions = match catalogs_of(layout.as_deref(), catalog) {
                    Ok(c) => c,
                    Err(code) => return code,
                };
                let spec = gongkai::convert::DetailSpec {
                    detail: &file,
                    profile: &profile,
                    unit_info: &unit_info,
                    conventions: &conventions,
                };
                match gongkai::convert::import_detail(&spec, &out) {
                    Ok((basic, projects)) => {
                        outln!(
                            "已生成：{}（{basic} 条基本支出、{projects} 个项目）",
                            out.display()
                        );
                        outln!(
                            "下一步：核对项目的类别和期限，然后 gongkai check {}",
                            out.display()
                        );
                        ExitCode::SUCCESS
                    }
                    Err(f) => conversion_failed(f),
                }
            }
            _ => match gongkai::convert::import(&file, &out) {
                Ok(()) => {
                    outln!("已生成：{}", out.display());
                    ExitCode::SUCCESS
                }
                Err(f) => conversion_failed(f),
            },
        },
        Command::Rules { layout } => {
            let off = match layout.as_deref().map(|l| open_set(Some(l))) {
                None => Vec::new(),
                Some(Ok(set)) => set.spec.check.off,
                Some(Err(code)) => return code,
            };
            if let Some(name) = &layout {
                outln!(
                    "版式 {name}：{} 条规则关闭（layout.yaml 的 check.off），标为“关闭”",
                    off.len()
                );
            }
            for r in RULES {
                // Chinese characters take two columns: pad the scope to ten.
                let scope = r.scope.label();
                let pad = " ".repeat(10 - 2 * scope.chars().count().min(5));
                let state = if off.iter().any(|id| id == r.id) {
                    "关闭  "
                } else {
                    ""
                };
                outln!(
                    "{:<30} {}  {scope}{pad}  {state}{}",
                    r.id,
                    r.severity.label(),
                    r.description
                );
            }
            // What a file that cannot be read or built is told.
            for (id, severity, description) in gongkai::diagnostic::READING_RULES {
                outln!("{id:<30} {}  读取与生成  {description}", severity.label());
            }
            ExitCode::SUCCESS
        }
    }
}

/// The catalogues of a command: `--catalog`, then the layout set's folder.
fn catalogs_of(layout: Option<&str>, catalog: CatalogArg) -> Result<Conventions, ExitCode> {
    let set = open_set(layout)?;
    Ok(set.conventions(catalog.file()?))
}

/// The layout set named (or the default), or the exit code after saying why not.
/// Says why a conversion did not happen: the input's problems as `check`
/// shows them, or why nothing was written.
fn conversion_failed(f: gongkai::convert::Failure) -> ExitCode {
    match f {
        gongkai::convert::Failure::Input(u) => {
            err!("{}", render_human(&u.report, None));
            errln!("{}", summary_line(std::slice::from_ref(&u.report)));
            ExitCode::from(if u.unreadable { 2 } else { 1 })
        }
        gongkai::convert::Failure::Output(e) => {
            errln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

/// The 主管部门 folder `path` names: the folder itself, or the folder of
/// its 部门.yaml / 部门.xlsx.
fn department_folder(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        return Some(path.to_path_buf());
    }
    let name = path.file_name()?.to_str()?;
    [gongkai::batch::DEPARTMENT_FILE, "部门.xlsx"]
        .contains(&name)
        .then(|| {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        })
}

/// `gongkai check` of a 主管部门: each unit, then the department's file
/// against the units' sums; nothing is written.
fn check_department(
    dir: &Path,
    format: Format,
    layout: Option<&str>,
    department_layout: Option<&str>,
    fonts: FontArgs,
    catalog: CatalogArg,
) -> ExitCode {
    let (unit_set, book) = match set_and_fonts(layout, fonts) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let department_set =
        match LayoutSet::open(department_layout.unwrap_or(default_department_set())) {
            Ok(set) => set,
            Err(e) => {
                errln!("错误：{e}");
                return ExitCode::from(2);
            }
        };
    let catalog = match catalog.file() {
        Ok(file) => file,
        Err(code) => return code,
    };
    let checked = match gongkai::batch::check::check_department(
        dir,
        unit_set,
        department_set,
        Some(book),
        catalog,
    ) {
        Ok(checked) => checked,
        Err(e) => {
            errln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let reports: Vec<_> = checked.iter().map(|c| c.report.clone()).collect();
    match format {
        Format::Human => {
            for c in &checked {
                out!("{}", c.rendered);
            }
            outln!("{}", summary_line(&reports));
        }
        Format::Json => outln!("{}", render_json(&reports)),
    }
    let errors = reports
        .iter()
        .any(|r| r.count(gongkai::diagnostic::Severity::Error) > 0);
    ExitCode::from(u8::from(errors))
}

fn open_set(layout: Option<&str>) -> Result<LayoutSet, ExitCode> {
    LayoutSet::open(layout.unwrap_or(default_set())).map_err(|e| {
        errln!("错误：{e}");
        ExitCode::from(2)
    })
}

/// Says what a draft holds and what to do next.
fn report_draft(w: &gongkai::newyear::Written) {
    outln!("已生成：{}（{} 年草稿）", w.path.display(), w.draft.year);
    if !w.draft.stale.is_empty() {
        outln!(
            "  有 {} 处科目在 {} 年目录中没有，已列在文件开头的注释中",
            w.draft.stale.len(),
            w.draft.year
        );
    }
    outln!(
        "  {}",
        summary_line(std::slice::from_ref(&w.checked.report))
    );
}

fn new_year(
    file: &std::path::Path,
    out: &std::path::Path,
    year: Option<i32>,
    layout: Option<&str>,
    catalog: CatalogArg,
) -> ExitCode {
    let catalogs = match catalogs_of(layout, catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (old, made) = gongkai::newyear::new_year(file, out, year, &catalogs);
    let old_errors = old.report.count(gongkai::diagnostic::Severity::Error);
    match made {
        Ok(w) => {
            if old_errors > 0 {
                errln!(
                    "注意：{} 有 {old_errors} 个错误；草稿照样生成，但它的上年数由这个文件计算，请先改正（gongkai check {}）",
                    file.display(),
                    file.display()
                );
            }
            report_draft(&w);
            let figures = match catalogs.profile.kind {
                gongkai::model::DocumentKind::Budget => "预算数",
                gongkai::model::DocumentKind::FinalAccounts => "决算数",
            };
            outln!(
                "下一步：把金额逐项改为 {} 年的{figures}、填写变动原因，然后 gongkai check {}",
                w.draft.year,
                w.path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            if matches!(e, gongkai::newyear::NewYearError::Unreadable(_)) {
                err!("{}", render_human(&old.report, old.text.as_deref()));
            }
            errln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

fn new_year_folder(
    dir: &std::path::Path,
    out: &std::path::Path,
    year: i32,
    layout: Option<&str>,
    catalog: CatalogArg,
) -> ExitCode {
    let catalogs = match catalogs_of(layout, catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match gongkai::newyear::folder::new_year_folder(dir, out, Some(year), &catalogs) {
        Ok(f) => {
            outln!("已生成：{}", f.department.display());
            for w in &f.units {
                report_draft(w);
            }
            outln!(
                "下一步：逐个单位改为 {year} 年的预算数，然后 gongkai batch {} -o 输出文件夹",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            errln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

/// Builds a bureau; failed units' findings first, then the summary table.
fn batch(dir: &std::path::Path, out: &std::path::Path, options: &BatchOptions) -> ExitCode {
    use gongkai::batch::BatchError;
    let summary = match gongkai::batch::run(dir, out, options) {
        Ok(s) => s,
        // A diagnostic of 部门.yaml arrives rendered, with its own heading.
        Err(e @ BatchError::Bureau(gongkai::batch::OpenError::DepartmentFile { .. })) => {
            errln!("{e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            errln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    match &summary {
        gongkai::batch::Outcome::Department(s) => report_failures(s, ""),
        gongkai::batch::Outcome::City(c) => {
            for d in &c.departments {
                match &d.summary {
                    Some(s) => report_failures(s, &format!("{}：", s.department)),
                    None => {
                        errln!("—— {}（{}）", d.name(), d.source);
                        errln!("{}", d.rendered);
                    }
                }
            }
        }
    }
    out!("{}", summary.table());
    outln!(
        "结果已写入：{}",
        out.join(gongkai::batch::SUMMARY_FILE).display()
    );
    ExitCode::from(if summary.failed() > 0 { 1 } else { 0 })
}

/// Warnings shown per package that was built; the rest are in the
/// summary file.
const WARNINGS_SHOWN: usize = 3;

/// Each failed package's findings, with source lines, on stderr; each
/// built package's first warnings, so that none goes unseen.
fn report_failures(summary: &gongkai::batch::Summary, prefix: &str) {
    for row in summary.rows.iter().filter(|r| r.status == Status::Failed) {
        errln!("—— {prefix}{}（{}）", row.name, row.source);
        if !row.rendered.is_empty() {
            err!("{}", row.rendered);
        }
        if let Some(e) = &row.error {
            errln!("结果：{e}");
        }
    }
    for row in summary.rows.iter().filter(|r| r.status != Status::Failed) {
        let warnings: Vec<&gongkai::diagnostic::Diagnostic> = row
            .report
            .diagnostics
            .iter()
            .filter(|d| d.severity == gongkai::diagnostic::Severity::Warning)
            .collect();
        if warnings.is_empty() {
            continue;
        }
        errln!("—— {prefix}{}：{} 个警告", row.name, warnings.len());
        for d in warnings.iter().take(WARNINGS_SHOWN) {
            errln!("  警告[{}]: {}", d.rule, d.message);
        }
        if warnings.len() > WARNINGS_SHOWN {
            errln!(
                "  还有 {} 条，见 {}",
                warnings.len() - WARNINGS_SHOWN,
                gongkai::batch::SUMMARY_FILE
            );
        }
    }
}

/// Both files must load; a new file with errors is still compared (the
/// officer is mid-correction) but the errors are pointed out.
fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: Format,
    layout: Option<&str>,
) -> ExitCode {
    let set = match open_set(layout) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // Read as the set reads them: its catalogues, and what it publishes (a
    // 决算 links its budget).
    let conventions = set.conventions(None);
    let (old_checked, old_data) = gongkai::run::analyse_in(old, None, &conventions);
    let (new_checked, new_data) = gongkai::run::analyse_in(new, None, &conventions);
    let (Some(a), Some(b)) = (old_data, new_data) else {
        for c in [&old_checked, &new_checked] {
            if c.text.is_none() || !c.report.diagnostics.is_empty() {
                err!("{}", render_human(&c.report, c.text.as_deref()));
            }
        }
        errln!("错误：两个文件都能读取后才能比较");
        return ExitCode::from(2);
    };
    let docs = gongkai::run::document(&a, &set)
        .and_then(|da| gongkai::run::document(&b, &set).map(|db| (da, db)));
    let (da, db) = match docs {
        Ok(d) => d,
        Err(e) => {
            errln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let d = if b.loaded.budget.year == a.loaded.budget.year + 1 {
        gongkai::diff::across_years(&a.ledger, &b.loaded.budget, &b.ledger)
    } else {
        gongkai::diff::diff((&a.ledger, &da), (&b.ledger, &db))
    };
    match format {
        Format::Human => out!(
            "{}",
            gongkai::diff::human(&d, &old.display().to_string(), &new.display().to_string())
        ),
        Format::Json => outln!("{}", gongkai::diff::json(&d)),
    }
    let errors = new_checked
        .report
        .count(gongkai::diagnostic::Severity::Error);
    if errors > 0 {
        errln!(
            "注意：新文件有 {errors} 个错误，生成时会被拒绝；用 gongkai check {} 查看",
            new.display()
        );
    }
    let (was, is) = (&a.loaded.budget.unit.name, &b.loaded.budget.unit.name);
    if was != is {
        errln!(
            "注意：两个文件不是同一个单位（{was}、{is}）：diff 比较的是同一单位改正前后或相邻两年的文件"
        );
    }
    ExitCode::SUCCESS
}

fn build(
    file: &std::path::Path,
    out: &std::path::Path,
    options: &BuildOptions,
    layout: Option<&str>,
) -> ExitCode {
    let (set, book) = with_fonts(options, || open_set(layout));
    let set = match set {
        Ok(s) => s,
        Err(code) => return code,
    };
    let built = build_file_with(file, out, options, &set, book);
    let report = &built.checked.report;
    if !report.diagnostics.is_empty() {
        err!("{}", render_human(report, built.checked.text.as_deref()));
        errln!("{}", summary_line(std::slice::from_ref(report)));
    }
    if let Some(f) = &built.failure {
        errln!("错误：{f}");
    }
    for path in &built.files {
        outln!("已生成：{}", path.display());
    }
    ExitCode::from(built.exit_code() as u8)
}

/// The layout set and the fonts its roles can draw with, or the exit code
/// after saying why not.
fn set_and_fonts(layout: Option<&str>, fonts: FontArgs) -> Result<(LayoutSet, FontBook), ExitCode> {
    let set = open_set(layout)?;
    Ok((set, FontBook::new(&fonts.options()?)))
}

fn list_fonts(layout: Option<&str>, fonts: FontArgs) -> ExitCode {
    let (set, book) = match set_and_fonts(layout, fonts) {
        Ok(found) => found,
        Err(code) => return code,
    };
    for r in book.resolve(&set.spec.fonts) {
        outln!(
            "{}（{}）：{}，{}",
            r.role.label(),
            r.role,
            r.regular.family,
            r.regular.origin.describe()
        );
        if r.bold.id != r.regular.id {
            outln!("    加粗：{}，{}", r.bold.family, r.bold.origin.describe());
        }
        for full in [&r.regular_full, &r.bold_full].into_iter().flatten() {
            outln!(
                "    补字：{}{}，{}（随附子集中没有的字用它）",
                full.family,
                if full.bold { "（加粗）" } else { "" },
                full.origin.describe()
            );
        }
        if !r.missing.is_empty() {
            outln!("    未找到：{}", r.missing.join("、"));
            // Say why the face in use was chosen: what replaces what.
            let why = match &r.regular.origin {
                fonts::Origin::Bundled(_) => {
                    "版式列出的字体本机都没有，改用随附字体（字形接近，字体不同）"
                }
                _ => "版式列出的前几种字体本机没有，改用列表中后面找到的字体",
            };
            outln!("    原因：{why}");
        }
    }
    outln!("PDF 的封面和各部分标题用大标题角色的加粗字重（没有加粗字重的字体用其本身）。");
    ExitCode::SUCCESS
}

/// clap's own messages are English: say every case in Chinese, naming the
/// argument, the bad value and the good ones.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue};
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let msg = match e.kind() {
        ErrorKind::DisplayHelp => {
            outln!("{}", e.render().to_string().trim_end());
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayVersion => {
            outln!("gongkai {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            format!("缺少命令：可用 {}", commands())
        }
        ErrorKind::InvalidSubcommand => {
            let value = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有“{value}”这个命令：可用 {}", commands())
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("没有 {arg} 这个选项")
        }
        ErrorKind::UnknownArgument => format!("多余的参数“{arg}”"),
        ErrorKind::InvalidValue => match text(ContextKind::ValidValue) {
            Some(valid) => format!("{arg} 的取值“{value}”无效：可用 {valid}"),
            None => format!("{arg} 需要一个取值"),
        },
        ErrorKind::ValueValidation => format!("{arg} 的取值“{value}”无效：应为正整数"),
        ErrorKind::ArgumentConflict => format!("{arg} 不能与其他选项同时使用"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的取值个数不对（“{value}”）")
        }
        ErrorKind::NoEquals => format!("{arg} 的取值须用“=”连接"),
        _ => format!(
            "命令行参数有误{}",
            if arg.is_empty() {
                String::new()
            } else {
                format!("：{arg}")
            }
        ),
    };
    let suggestion = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .or_else(|| text(ContextKind::SuggestedValue))
        .map(|s| format!("\n是否想用：{s}"))
        .unwrap_or_default();
    let usage = text(ContextKind::Usage)
        .map(|u| format!("\n{}", u.trim().replace("Usage: ", "用法：")))
        .unwrap_or_default();
    errln!("错误：{msg}{suggestion}{usage}\n用 gongkai --help（或 gongkai 命令 --help）查看用法");
    ExitCode::from(2)
}

/// Every command, for messages: from the command line's own definition,
/// so that a new command is never left out.
fn commands() -> String {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect::<Vec<_>>()
        .join("、")
}
