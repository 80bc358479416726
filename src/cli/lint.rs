use std::io::Write;

use serde_json::{Value, json};

use super::Ctx;
use crate::core::lint::{Family, Finding, Rule, excerpt};
use crate::core::terminal::sanitize;
use crate::desk::lint::{self as checker, Checked, Fixed, Scope};
use crate::error::Result;
use crate::messages::lint as says;

#[derive(clap::Args)]
pub struct Args {
    /// 期号（如 2024-02，连同刊头一起检查）或稿件（如 2024-02/qingneng）；不写则检查最新一期
    #[arg(value_name = "期号或稿件", add = super::completions::articles())]
    target: Option<String>,
    /// 以 JSON 输出全部问题
    #[arg(long)]
    json: bool,
    /// 自动改正有把握的问题（半角标点、重复标点、省略号、全角数字、单位大小写），保存为一次新修订；一次一篇
    #[arg(long, conflicts_with = "json")]
    fix: bool,
    /// 列出全部检查规则
    #[arg(long, conflicts_with_all = ["json", "fix"])]
    rules: bool,
}

/// Characters shown either side of a finding.
const AROUND: usize = 12;

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if args.rules {
        for rule in Rule::ALL {
            let line = format!(
                "{}  {}  {}  {}",
                says::severity(rule.severity()),
                says::family(rule.family()),
                says::rule_name(*rule),
                rule.id()
            );
            writeln!(out, "{line}")?;
        }
        return Ok(());
    }
    if args.fix {
        let target = args.target.as_deref().ok_or_else(says::fix_needs_article)?;
        let mag = ctx.magazine_for_write()?;
        match checker::fix(&ctx.desk(&mag)?, target)? {
            Fixed::Nothing { key } => writeln!(out, "{}", says::fix_nothing(&key))?,
            Fixed::Saved {
                key,
                count,
                rules,
                stale,
            } => writeln!(out, "{}", says::fix_done(&key, count, &rules, &stale))?,
        }
        // What is left for a person, read from the text just saved.
        let scope = checker::lint(&mag, Some(target))?;
        return report(&mut out, &scope);
    }
    let mag = ctx.magazine()?;
    let scope = checker::lint(&mag, args.target.as_deref())?;
    if args.json {
        let list: Vec<Value> = scope
            .checked
            .iter()
            .flat_map(|c| c.findings.iter().map(move |f| finding_json(c, f)))
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).expect("json")
        )?;
        return verdict(&scope);
    }
    report(&mut out, &scope)
}

fn finding_json(checked: &Checked, f: &Finding) -> Value {
    let (part, paragraph, _) = checked.text_of(f);
    let mut value = json!({
        "article": checked.key,
        "part": part,
        "paragraph": paragraph,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "rule": f.rule.id(),
        "family": f.rule.family(),
        "severity": f.severity,
        "message": says::explain(f),
        "certain": f.certain(),
    });
    if let Some(s) = &f.suggestion {
        value["suggestion"] = json!(s);
    }
    value
}

fn report(out: &mut impl Write, scope: &Scope) -> Result<()> {
    let mut fixable = 0;
    for checked in scope.checked.iter().filter(|c| !c.findings.is_empty()) {
        fixable += checked.fixable();
        writeln!(out, "{} 《{}》", checked.key, sanitize(&checked.title))?;
        let chars = checked.paragraph_chars();
        for group in alike(&checked.findings) {
            let f = group[0];
            let (part, paragraph, _) = checked.text_of(f);
            let (before, flagged, after) = excerpt(&chars[f.piece], f.start, f.end, AROUND);
            writeln!(
                out,
                "  {} {}：{}〖{}〗{}",
                says::severity(f.severity),
                says::place(*part, *paragraph, f.start),
                sanitize(&before),
                sanitize(&flagged),
                sanitize(&after)
            )?;
            let fix = says::replacement(f)
                .map(|r| format!("{r}。"))
                .unwrap_or_default();
            writeln!(out, "       {}{fix} [{}]", says::explain(f), f.rule.id())?;
            if group.len() > 1 {
                let places: Vec<String> = group[1..]
                    .iter()
                    .map(|g| {
                        let (part, paragraph, _) = checked.text_of(g);
                        says::place(*part, *paragraph, g.start)
                    })
                    .collect();
                writeln!(out, "       {}", says::also_at(&places))?;
            }
        }
        writeln!(out)?;
    }
    let counts = scope.counts();
    if crate::repo::language::word_trigrams().is_none() {
        writeln!(out, "{}", says::no_word_model())?;
    }
    if counts.error + counts.warning + counts.info == 0 {
        let characters = scope.checked.iter().map(|c| c.characters).sum();
        writeln!(out, "{}", says::clean(&scope.label, characters))?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        says::summary(&scope.label, counts.error, counts.warning, counts.info)
    )?;
    if let Some(next) = says::next_step(fixable, scope.article.as_deref()) {
        writeln!(out, "{next}")?;
    }
    verdict(scope)
}

/// Findings of one rule on the same characters, shown once with the
/// other places listed: an article with ten "(一) " reads as one problem.
/// Marks and symbols group by rule; words by the word.
fn alike(findings: &[Finding]) -> Vec<Vec<&Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    let mut group_of: std::collections::HashMap<(Rule, Option<&str>), usize> = Default::default();
    for f in findings {
        let mechanical = !matches!(
            f.rule.family(),
            Family::Words | Family::Usage | Family::Facts
        );
        let key = (f.rule, (!mechanical).then_some(f.text.as_str()));
        match group_of.get(&key) {
            Some(&i) => groups[i].push(f),
            None => {
                group_of.insert(key, groups.len());
                groups.push(vec![f]);
            }
        }
    }
    groups
}

fn verdict(scope: &Scope) -> Result<()> {
    match scope.counts().error {
        0 => Ok(()),
        n => Err(says::errors_found(n)),
    }
}
