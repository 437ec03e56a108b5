//! The `gongkai` command line.

use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};
use gongkai::check::RULES;
use gongkai::diagnostic::{render_human, render_json, summary_line};
use gongkai::run::{Checked, check_file, exit_code};
use std::path::PathBuf;
use std::process::ExitCode;

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
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "选项")]
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
        /// 要检查的预算文件（可多个）
        #[arg(required = true, value_name = "文件", help_heading = "参数")]
        files: Vec<PathBuf>,
        /// 输出格式：human（默认，带源码行的说明）或 json
        #[arg(
            long,
            value_enum,
            default_value = "human",
            value_name = "格式",
            help_heading = "选项",
            hide_default_value = true,
            hide_possible_values = true
        )]
        format: Format,
    },
    /// 输出预算文件格式的 JSON Schema（供编辑器补全和校验）
    #[command(help_template = TEMPLATE, disable_help_flag = true)]
    Schema,
    /// 列出全部检查规则
    #[command(help_template = TEMPLATE, disable_help_flag = true)]
    Rules,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Check { files, format } => {
            let results: Vec<Checked> = files.iter().map(|f| check_file(f)).collect();
            match format {
                Format::Human => {
                    for c in &results {
                        print!("{}", render_human(&c.report, c.text.as_deref()));
                    }
                    let reports: Vec<_> = results.iter().map(|c| c.report.clone()).collect();
                    println!("{}", summary_line(&reports));
                }
                Format::Json => {
                    let reports: Vec<_> = results.iter().map(|c| c.report.clone()).collect();
                    println!("{}", render_json(&reports));
                }
            }
            ExitCode::from(exit_code(&results) as u8)
        }
        Command::Schema => {
            println!("{}", gongkai::schema::budget_schema());
            ExitCode::SUCCESS
        }
        Command::Rules => {
            for r in RULES {
                println!("{:<30} {}  {}", r.id, r.severity.label(), r.description);
            }
            ExitCode::SUCCESS
        }
    }
}

/// clap's own messages are English; say the common cases in Chinese.
fn usage_error(e: clap::Error) -> ExitCode {
    let msg = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            "缺少命令：可用 check、schema、rules".to_string()
        }
        ErrorKind::InvalidSubcommand => "未知命令：可用 check、schema、rules".to_string(),
        ErrorKind::MissingRequiredArgument => "缺少参数：请给出要处理的文件".to_string(),
        ErrorKind::UnknownArgument => "未知选项".to_string(),
        ErrorKind::InvalidValue => "选项的取值无效".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let detail = e
        .get(clap::error::ContextKind::InvalidArg)
        .or_else(|| e.get(clap::error::ContextKind::InvalidSubcommand))
        .map(|v| format!("：{v}"))
        .unwrap_or_default();
    eprintln!("错误：{msg}{detail}\n用 gongkai --help 查看用法");
    ExitCode::from(2)
}
