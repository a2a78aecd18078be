//! The subcommands other than `check`: explain, rules, init, schema, completions, man.

use crate::args::{Cli, RulesArgs, RulesFormat, SchemaKind};
use claimlint::code::Code;
use claimlint::config::{Config, RuleOptions};
use claimlint::error::{ErrorKind, ToolError};
use std::fmt::Write;
use std::path::Path;

/// `explain [CODE]`.
pub fn explain(code: Option<&str>) -> Result<String, ToolError> {
    let Some(code) = code else {
        let mut s = String::from("Codes (claimlint explain CODE for one):\n\n");
        for c in Code::ALL {
            let _ = writeln!(s, "  {:<24} {}", c.as_str(), c.default_severity());
        }
        return Ok(s);
    };
    if let Some(c) = Code::parse(code) {
        return Ok(c.explain().to_owned());
    }
    // A part of a code (`mismatch`, `status`, `numeric/`) lists every code it could mean.
    let part = code.trim().trim_matches('/').to_ascii_lowercase();
    let matching: Vec<Code> = if part.is_empty() {
        Vec::new()
    } else {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| {
                c.as_str().split('/').any(|w| w.contains(part.as_str()))
                    || c.as_str().starts_with(part.as_str())
            })
            .collect()
    };
    match matching.as_slice() {
        [one] => Ok(one.explain().to_owned()),
        [] => {
            let mut e = ToolError::new(
                ErrorKind::Usage,
                format!("there is no code `{}`", claimlint::output::escape(code)),
            );
            if let Some(best) =
                claimlint::suggest::closest(code, Code::ALL.iter().map(|c| c.as_str()))
            {
                e = e.with_help(format!("did you mean `{best}`?"));
            }
            Err(e)
        }
        many => {
            let mut s = format!(
                "`{}` could mean any of these codes (claimlint explain CODE for one):\n\n",
                claimlint::output::escape(code)
            );
            for c in many {
                let _ = writeln!(s, "  {:<24} {}", c.as_str(), c.default_severity());
            }
            Ok(s)
        }
    }
}

/// `rules`: the rules in force for the current folder.
pub fn rules(args: &RulesArgs) -> Result<String, ToolError> {
    let a = &args.source;
    let config = if a.isolated {
        None
    } else {
        match &a.config {
            Some(c) => Some(Config::load(c)?),
            None => claimlint::config::find(Path::new("claims.yaml"))
                .map(|p| Config::load(&p))
                .transpose()?,
        }
    };
    let opts = RuleOptions {
        no_defaults: a.no_default_rules,
        extra: a.rules.clone(),
    };
    let rules = claimlint::config::rules_for(config.as_ref(), &opts)?;
    if let Some(only) = &args.phrases {
        return phrases(
            &rules,
            (!only.is_empty()).then_some(only.as_str()),
            args.format,
        );
    }
    let lines = claimlint::rules::lines(&rules);
    Ok(match args.format {
        RulesFormat::Json => {
            let mut s = serde_json::to_string_pretty(&lines).unwrap_or_default();
            s.push('\n');
            s
        }
        RulesFormat::Human => {
            let mut s = String::new();
            let mut section = "";
            for l in &lines {
                if l.section != section {
                    section = l.section;
                    let _ = writeln!(s, "{}{section}:", if s.is_empty() { "" } else { "\n" });
                }
                let at = if l.line == 0 {
                    l.file.clone()
                } else {
                    format!("{}:{}", l.file, l.line)
                };
                let value = if l.value.is_empty() {
                    String::new()
                } else {
                    format!(" = {}", l.value)
                };
                let _ = writeln!(s, "  {}{value}    ({at})", l.name);
            }
            claimlint::output::escape_keep_lines(&s)
        }
    })
}

/// `rules --phrases [LIFECYCLE]`: the status phrases in force. The human form gives, per
/// lifecycle, its states and, per state and polarity, the phrases; a phrase from another
/// file than its lifecycle's definition says where it came from.
fn phrases(
    rules: &claimlint::rules::RuleSet,
    only: Option<&str>,
    format: RulesFormat,
) -> Result<String, ToolError> {
    let list = claimlint::rules::phrases(rules, only).map_err(|known| {
        let name = only.unwrap_or_default();
        let mut e = ToolError::new(
            ErrorKind::Usage,
            format!(
                "there is no lifecycle `{}`",
                claimlint::output::escape(name)
            ),
        );
        e = match claimlint::suggest::closest(name, known.iter().map(String::as_str)) {
            Some(c) => e.with_help(format!(
                "did you mean `{c}`? lifecycles: {}",
                known.join(", ")
            )),
            None => e.with_help(format!("lifecycles: {}", known.join(", "))),
        };
        e
    })?;
    if format == RulesFormat::Json {
        let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
        s.push('\n');
        return Ok(s);
    }
    let mut s = String::new();
    for (name, group) in list
        .chunk_by(|a, b| a.lifecycle == b.lifecycle)
        .filter_map(|g| Some((&g.first()?.lifecycle, g)))
    {
        let Some(lc) = rules.lifecycles.get(name.as_str()) else {
            continue;
        };
        let _ = writeln!(
            s,
            "{}{name}: {}    ({}:{})",
            if s.is_empty() { "" } else { "\n" },
            lc.value.outline(),
            lc.origin.file,
            lc.origin.line
        );
        for same in group.chunk_by(|a, b| a.state == b.state && a.polarity == b.polarity) {
            let Some(first) = same.first() else { continue };
            let words: Vec<String> = same
                .iter()
                .map(|p| {
                    if p.file == *lc.origin.file {
                        p.phrase.clone()
                    } else {
                        format!("{} ({}:{})", p.phrase, p.file, p.line)
                    }
                })
                .collect();
            let mut line = format!("  {} {}:", first.state, first.polarity);
            for (i, w) in words.iter().enumerate() {
                let sep = if i + 1 < words.len() { "," } else { "" };
                if line.len() + w.len() + 2 > 100 && !line.ends_with(':') {
                    let _ = writeln!(s, "{line}");
                    line = String::from("   ");
                }
                line.push(' ');
                line.push_str(w);
                line.push_str(sep);
            }
            let _ = writeln!(s, "{line}");
        }
    }
    Ok(claimlint::output::escape_keep_lines(&s))
}

const STARTER_CLAIMS: &str = r#"# The claims of one document: run `claimlint` to check them, and
# `claimlint explain CODE` for what a finding means.
# For completion in editors that use yaml-language-server, write the schema with
#   claimlint schema claims > claims.schema.json
# and make this the first line of the file:
#   # yaml-language-server: $schema=claims.schema.json
document:
  title: The town opens its new library
  date: 2024-10-15          # the time of every claim that gives no as_of
  # source: article.md      # the article's text: every quote must then occur in it

claims:
  # A quantity: a number as the text writes it, with its unit.
  - id: residents
    value: about 40,000
    unit: people
    quote: the town's about 40,000 residents

  - id: members
    value: more than 12,000
    unit: people
    measure: library members
    quote: more than 12,000 members

  # A quantity at another time than the document's date.
  - id: members_2023
    value: 10,000
    unit: people
    measure: library members
    as_of: 2023
    quote: 10,000 a year earlier

  # Assertions: what the text says of the numbers.
  - id: members_share
    assert: share(members, residents) = nearly a third
    quote: nearly a third of residents

  - id: members_growth
    assert: growth(members_2023, members) = 20%
    quote: a 20% rise

  # Statuses: where something stands, in a lifecycle's words.
  - id: library_opened
    subject: new_library
    status: has opened
    quote: the new library has opened
"#;

const STARTER_CONFIG: &str = r#"# claimlint's project config. Paths are relative to this file.
# `claimlint schema config` prints its JSON Schema.
rules: []          # rule files or folders, merged over the built-in rules
severity: {}       # e.g. numeric/derived: off
exclude: []        # globs of claims files to leave out
"#;

/// `init [DIR]`: refuses, exit 2, if either file exists (a dangling symlink included).
pub fn init(dir: &Path) -> Result<String, ToolError> {
    let files = [
        ("claims.yaml", STARTER_CLAIMS),
        ("claimlint.yaml", STARTER_CONFIG),
    ];
    for (name, _) in files {
        let p = dir.join(name);
        if std::fs::symlink_metadata(&p).is_ok() {
            return Err(ToolError::new(
                ErrorKind::Usage,
                format!(
                    "`{}` exists: claimlint init writes no file over another",
                    p.display()
                ),
            )
            .with_help("remove it, or run init in another folder"));
        }
    }
    let mut s = String::new();
    for (name, text) in files {
        let p = dir.join(name);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
            .map_err(|e| crate::io_error("create", &p, &e))?;
        std::io::Write::write_all(&mut f, text.as_bytes())
            .map_err(|e| crate::io_error("write", &p, &e))?;
        let _ = writeln!(s, "wrote {}", p.display());
    }
    Ok(s)
}

/// `schema claims|rules|config`.
pub fn schema(which: SchemaKind) -> String {
    match which {
        SchemaKind::Claims => claimlint::schema::CLAIMS,
        SchemaKind::Rules => claimlint::schema::RULES,
        SchemaKind::Config => claimlint::schema::CONFIG,
    }
    .to_owned()
}

/// `completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "claimlint", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// `man`.
pub fn man() -> String {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut buf = Vec::new();
    let _ = clap_mangen::Man::new(cmd).render(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
