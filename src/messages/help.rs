//! The command line's own words: help headings and examples.

pub const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
pub const COMMANDS: &str = "命令";
pub const OPTIONS: &str = "选项";
pub const ARGUMENTS: &str = "参数";
pub const COMMAND_PLACEHOLDER: &str = "命令";
pub const SHOW_HELP: &str = "显示帮助";
pub const SHOW_VERSION: &str = "显示版本";

/// clap writes these into usage lines and option lists itself; they are
/// replaced afterwards.
pub const CLAP_WORDS: [(&str, &str); 6] = [
    ("[OPTIONS]", "[选项]"),
    ("<OPTIONS>", "<选项>"),
    ("Possible values:", "可以写："),
    ("[default: ", "[不写时："),
    ("[possible values: ", "[可以写："),
    ("[aliases: ", "[也可以写："),
];

pub const STATUS_EXAMPLES: &str = "例子：
  galley status 2024-02          看第2期的进度
  galley status --mine           只看我负责的、该我签的稿件
  galley status 2024-02 --wide   终端窄时也显示全部列，不截短";

pub const ASSIGN_EXAMPLES: &str = "例子：
  galley assign 2024-02/qingneng 刘卫防
  galley assign 氢能 刘卫防 --due 2024-02-20";

pub const PROOFREAD_EXAMPLES: &str = "例子：
  galley proofread 2024-02/qingneng
  galley proofread 氢能 -m \"第3段数字已核对\"";

pub const APPROVE_EXAMPLES: &str = "例子：
  galley approve 2024-02/qingneng
  galley approve 氢能 -m \"同意刊发\"";

pub const DIFF_EXAMPLES: &str = "例子：
  galley diff 氢能                     我签字以后又改了什么
  galley diff 氢能 --from r1 --to r2   比较两个修订
  galley diff 氢能 --format html -o 对照.html";

pub const TOC_EXAMPLES: &str = "例子：
  galley toc 2024-02                          目次和刊头的文本
  galley toc 2024-02 --check                  付印前检查
  galley toc 2024-02 --format pdf -o toc.pdf  生成付印用的 PDF";

pub const COMPLETIONS_ABOUT: &str = "输出命令行补全脚本（bash、zsh、fish、powershell）";

pub const LINT_EXAMPLES: &str = "例子：
  galley lint 2024-02                   检查一整期（连同刊头）
  galley lint 2024-02/qingneng          只检查一篇
  galley lint 2024-02/qingneng --fix    自动改正有把握的问题，存为新修订
  galley lint 2024-02 --json            以 JSON 输出
  galley lint --rules                   列出全部规则
级别：错误（计入差错率）、建议（多半要改，请人判断）、提示（供参考）。
有错误时以 3 退出。词表在仓库的 style/ 目录，编辑部可以自己增删。";

pub const SHEET_EXAMPLES: &str = "例子：
  galley sheet 2024-02/qingneng -o 处理单.pdf   一篇稿件的稿件处理单（A4 一页）
  galley sheet 2024-02 -o 付印单.pdf            一期的付印单，由主编签字
  galley sheet 2024-02/qingneng --format json   模板读到的数据";

pub const PROOF_EXAMPLES: &str = "例子：
  galley proof 2024-02/qingneng -o 校样.pdf           一篇的校样，段号和 lint、diff 的一致
  galley proof 2024-02/qingneng --marks -o 校样.pdf   页边印上校对助手的提示
  galley proof 2024-02 -o 通读.pdf                    整期按页码顺序，供通读";

pub const CHART_EXAMPLES: &str = "例子：
  galley chart progress 2024-02 -o 进度.svg   本期每天各状态的篇数，用浏览器打开
  galley chart quality -o 差错率.svg          历年各期的差错率和限值线，可贴进工作总结";

pub const QUALITY_EXAMPLES: &str = "例子：
  galley quality 2024-02          每篇和全期的字数、各轮校对改正、未改问题和差错率
  galley quality 2024-02 --json   以 JSON 输出";

pub const EXPORT_EXAMPLES: &str = "例子：
  galley export 2024-02 -o 2024-02.docx                         整期审定稿，按页码顺序，一个 Word 文件
  galley export 2024-02 --zip -o 2024-02.zip                    每篇一个 Word 文件，装进压缩包
  galley export 2024-02 --format txt --encoding gb18030 --crlf -o 2024-02.txt
                                                                给排版软件的纯文本（GB18030、Windows 换行）
  galley export 2024-02/qingneng --draft -o 草稿.docx            未审定的稿子，文件标明「未审定」
  galley export 2024-02/qingneng --changes -o 修订.docx          上次签署以来的改动，Word 修订，署改稿人";
