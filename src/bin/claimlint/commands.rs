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
    match Code::parse(code) {
        Some(c) => Ok(c.explain().to_owned()),
        None => {
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

const STARTER_CLAIMS: &str = r#"# yaml-language-server: $schema=.claimlint/claims.schema.json
# The claims of one document. `claimlint` checks them; `claimlint explain CODE` says
# what a finding means. Write `claimlint schema claims > .claimlint/claims.schema.json`
# for completion in editors that use yaml-language-server.
document:
  title: A report
  date: 2024-10-15
  # source: article.md      # every quote must occur in it

claims:
  - id: residents
    value: 20 mln
    unit: people

  - id: users
    value: more than 12.5 mln
    unit: people

  - id: users_share
    assert: share(users, residents) = more than half
"#;

const STARTER_CONFIG: &str = r#"# yaml-language-server: $schema=.claimlint/config.schema.json
# claimlint's project config. Paths are relative to this file.
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
            .map_err(|e| {
                ToolError::new(
                    ErrorKind::Usage,
                    format!(
                        "cannot create `{}`: {}",
                        p.display(),
                        claimlint::discover::io_words(&e)
                    ),
                )
            })?;
        std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| {
            ToolError::new(
                ErrorKind::Usage,
                format!(
                    "cannot write `{}`: {}",
                    p.display(),
                    claimlint::discover::io_words(&e)
                ),
            )
        })?;
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
