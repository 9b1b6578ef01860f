//! `inc config`: where inc keeps its files (`path`), the settings in
//! effect and where each came from (`show`), and editing the file safely
//! (`edit`). It runs before the config is loaded, so a broken config file
//! can still be found, read about and fixed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::print;
use crate::cli::GlobalArgs;
use crate::commands::ask::{Asker, require_terminal};
use crate::config::{self, Config, DbSource, KEYS, non_empty_env};
use crate::editor;
use crate::error::UserError;
use crate::identity;
use crate::model::Severity;
use crate::report::text::safe_line;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc config
  inc config path
  inc config edit"#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print the config file's and the database's paths (opens neither)
    #[command(after_long_help = r#"Examples:
  inc config path
  inc --db ./drill.db config path"#)]
    Path,
    /// Print the settings in effect, as TOML, with where each came from (the default)
    #[command(after_long_help = r#"Examples:
  inc config show
  INC_TZ=Europe/Berlin inc --as bob config show"#)]
    Show,
    /// Edit the config file in $VISUAL or $EDITOR; it is saved only if valid
    #[command(after_long_help = r#"Examples:
  inc config edit
  VISUAL="code --wait" inc config edit"#)]
    Edit,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<()> {
    let (config_path, explicit) = config::config_path(global.config.as_deref())?;
    match args.action.as_ref().unwrap_or(&Action::Show) {
        Action::Path => path(global, &config_path, explicit),
        Action::Show => show(global, &config_path, explicit),
        Action::Edit => edit(global, &config_path),
    }
}

/// The team hub the database is on, if any, and where the credential for
/// it comes from: never the credential itself.
fn team_lines(db: &Path, config: &Config) -> Vec<(String, &'static str)> {
    if std::fs::symlink_metadata(db).is_err() {
        return Vec::new();
    }
    let options = crate::store::StoreOptions {
        busy_timeout: config.busy_timeout,
        create_dir: false,
        clock: crate::clock::Clock::system(),
    };
    let Ok(Some(team)) = crate::store::Store::open_read(db, &options).and_then(|s| s.team()) else {
        return Vec::new();
    };
    let mut lines = vec![(
        format!("# team hub: {}", safe_line(&team.url)),
        "the database (inc team join)",
    )];
    if let Ok(url) = crate::hub::address::HubUrl::parse(&team.url) {
        let credential = match crate::hub::address::credential_for(&url) {
            Ok(found) => found.to_string(),
            Err(e) => e.to_string(),
        };
        lines.push((
            format!("# hub credential: {}", safe_line(&credential)),
            "PGPASSFILE, ~/.pgpass or the URL's sslcert",
        ));
    }
    lines
}

/// Paths only: a broken config leaves the database path unknown, which is
/// said rather than failed on, since this is how users find the file.
fn path(global: &GlobalArgs, config_path: &Path, explicit: bool) -> Result<()> {
    let db = match Config::load(config_path, explicit) {
        Ok(config) => Some(config::db_path(global.db.as_deref(), &config)?.0),
        // --db and INC_DB come before the config's `db`.
        Err(_) => match config::db_path(global.db.as_deref(), &Config::default())? {
            (path, DbSource::Flag | DbSource::Env) => Some(path),
            _ => None,
        },
    }
    .map_or_else(
        || "unknown until the config file can be read (inc config show says why)".to_string(),
        |path| path.display().to_string(),
    );
    // Paths can hold anything a config file says: show them escaped.
    print(&format!(
        "config    {}\ndatabase  {}\n",
        safe_line(&config_path.display().to_string()),
        safe_line(&db)
    ))
}

/// A TOML value, as it would be written in the config file.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn show(global: &GlobalArgs, config_path: &Path, explicit: bool) -> Result<()> {
    let config = Config::load(config_path, explicit)?;
    let from = |key: &str| -> &str {
        if config.from_file.contains(&key) {
            "config file"
        } else {
            "built-in"
        }
    };
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut line = |setting: String, source: &str| lines.push((setting, source.to_string()));

    match identity::resolve_with_source(global.as_user.as_deref(), config.user.as_deref()) {
        Ok((name, source)) => line(format!("user = {}", toml_str(&name)), source),
        Err(e) => line(
            format!("# user: {e}"),
            "commands that write will refuse until it is fixed",
        ),
    }
    let (db, source) = config::db_path(global.db.as_deref(), &config)?;
    line(
        format!("db = {}", toml_str(&db.display().to_string())),
        source.name(),
    );
    for (setting, source) in team_lines(&db, &config) {
        line(setting, source);
    }
    line(
        format!("default_severity = {}", config.default_severity.level()),
        from("default_severity"),
    );
    if let Some(tz) = non_empty_env("INC_TZ") {
        line(format!("timezone = {}", toml_str(&tz)), "INC_TZ");
    } else if let Some(tz) = &config.timezone {
        line(format!("timezone = {}", toml_str(tz.name())), "config file");
    } else {
        let system = crate::time::Zone::system();
        line(
            format!("# timezone: {}", system.name()),
            "system (TZ, /etc/localtime)",
        );
    }
    line(
        format!("busy_timeout_ms = {}", config.busy_timeout.as_millis()),
        from("busy_timeout_ms"),
    );
    line(
        format!("briefing_notes = {}", config.briefing_notes),
        from("briefing_notes"),
    );
    let roles: Vec<String> = config.roles.iter().map(|r| toml_str(r)).collect();
    line(format!("roles = [{}]", roles.join(", ")), from("roles"));
    line(
        format!("review_target_hours = {}", config.review_target_hours),
        from("review_target_hours"),
    );
    line(
        format!(
            "review_deadline_business_days = {}",
            config.review_deadline_business_days
        ),
        from("review_deadline_business_days"),
    );
    let built_in = Config::default();
    for level in Severity::WORST..=Severity::MILDEST {
        let severity = Severity::new(level).expect("in range");
        let (text, default) = (
            config.severity_text(severity),
            built_in.severity_text(severity),
        );
        let source = |same: bool| if same { "built-in" } else { "config file" };
        line(String::new(), "");
        line(format!("[severity.{level}]"), "");
        line(
            format!("label = {}", toml_str(&text.label)),
            source(text.label == default.label),
        );
        line(
            format!("description = {}", toml_str(&text.description)),
            source(text.description == default.description),
        );
    }

    line(String::new(), "");
    line("[notify]".to_string(), "");
    match &config.notify.webhook {
        _ if config.notify.refused.is_some() => line(
            format!(
                "# webhook: not used: {}",
                safe_line(config.notify.refused.as_deref().unwrap_or_default())
            ),
            "config file",
        ),
        // The URL is a secret: only where it points is shown.
        Some(url) => line(
            format!(
                "# webhook: set, to {} (the rest is a secret and not shown)",
                toml_str(&webhook_site(url))
            ),
            "config file",
        ),
        None => line(
            "# webhook: none, updates are not posted".to_string(),
            "built-in",
        ),
    }
    line(
        format!("timeout_ms = {}", config.notify.timeout.as_millis()),
        if config.notify.timeout == built_in.notify.timeout {
            "built-in"
        } else {
            "config file"
        },
    );
    line(String::new(), "");
    line("[security]".to_string(), "");
    let items: Vec<String> = config
        .security_checklist
        .iter()
        .map(|c| format!("    {},", toml_str(&format!("{}: {}", c.area, c.body))))
        .collect();
    line(
        format!("checklist = [\n{}\n]", items.join("\n")),
        if config.security_checklist == built_in.security_checklist {
            "built-in"
        } else {
            "config file"
        },
    );
    line(String::new(), "");
    line("[public]".to_string(), "");
    for (key, words) in [
        ("people", &config.public.people),
        ("keep", &config.public.keep),
        ("redact", &config.public.redact),
    ] {
        let words: Vec<String> = words.iter().map(|w| toml_str(w)).collect();
        line(
            format!("{key} = [{}]", words.join(", ")),
            if words.is_empty() {
                "built-in"
            } else {
                "config file"
            },
        );
    }

    let mut out = String::new();
    let state = if config_path.exists() {
        ""
    } else {
        " (not present)"
    };
    let _ = writeln!(out, "# config file: {}{state}", config_path.display());
    // Sources line up, except after the longest lines (descriptions).
    let width = lines
        .iter()
        .map(|(s, _)| s.chars().count())
        .filter(|&n| n <= 48)
        .max()
        .unwrap_or(0);
    for (setting, source) in &lines {
        if source.is_empty() {
            let _ = writeln!(out, "{setting}");
        } else {
            let _ = writeln!(out, "{setting:<width$}  # {source}");
        }
    }
    print(&crate::report::text::safe(&out))
}

/// The text a new config file starts from: every key, commented out.
fn template() -> String {
    let mut out = String::from(
        "# inc's configuration. Uncomment and change what you need; see docs/config.md.\n\n",
    );
    for line in [
        "# user = \"Your Name\"",
        "# db = \"~/.local/share/inc/inc.db\"",
        "# default_severity = 2",
        "# timezone = \"Europe/Berlin\"",
        "# busy_timeout_ms = 5000",
        "# briefing_notes = 5",
        "# roles = [\"deputy\", \"scribe\", \"comms\", \"ops\", \"sme\"]",
        "# review_target_hours = 24",
        "# review_deadline_business_days = 2",
        "",
        "# [severity.1]",
        "# label = \"critical\"",
        "# description = \"most customers cannot use the product, or data is at risk\"",
        "",
        "# [notify]",
        "# webhook = \"https://hooks.slack.com/services/...\"",
        "# timeout_ms = 5000",
        "",
        "# [security]",
        "# checklist = [\"legal: statutory or regulatory reporting\", \"marketing: exposure of customer data\"]",
        "",
        "# [public]",
        "# people = [\"quentin\"]",
        "# keep = [\"Acme Pay\", \"@acmestatus\"]",
        "# redact = [\"Project Falcon\"]",
    ] {
        out.push_str(line);
        out.push('\n');
    }
    debug_assert!(KEYS.iter().all(|k| out.contains(k)));
    out
}

/// Edits a copy; only a valid, changed result replaces the file. An
/// invalid one is offered back to the editor; declined, it is kept aside.
fn edit(global: &GlobalArgs, path: &Path) -> Result<()> {
    require_terminal(
        global,
        "inc config edit opens an editor",
        "edit the file yourself; `inc config path` says where it is",
    )?;
    // A symbolic link (a dotfiles repository, say) is followed, so the
    // file it points to is the one changed, even if it does not exist yet.
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| link_target(path));
    let original = crate::config::read_text(&path)?;
    let shown = safe_line(&path.display().to_string()).into_owned();
    let start = original.clone().unwrap_or_else(template);
    let mut text = start.clone();
    // The last invalid edit, kept in a file until a later one is saved.
    let mut kept: Option<PathBuf> = None;
    loop {
        let edited = match editor::edit_text(&text, ".toml") {
            Ok(edited) => edited,
            Err(e) => {
                return Err(match &kept {
                    Some(kept) => e.context(format!(
                        "your earlier edit is kept in {}",
                        safe_line(&kept.display().to_string())
                    )),
                    None => e,
                });
            }
        };
        if edited == start {
            match original {
                Some(_) => eprintln!("no changes; {shown} was left as it was"),
                None => eprintln!("no changes; nothing was written"),
            }
            return Ok(());
        }
        let problem = match Config::check(&edited) {
            Ok(()) => {
                write_config(&path, &edited)?;
                if let Some(kept) = kept {
                    let _ = std::fs::remove_file(kept);
                }
                eprintln!("saved {shown}");
                return Ok(());
            }
            Err(problem) => problem,
        };
        eprintln!("inc: the config is not valid: {}", safe_line(&problem));
        // Kept, and said where, before asking: no answer (Escape, Ctrl-C)
        // loses it.
        if let Some(earlier) = kept.take() {
            let _ = std::fs::remove_file(earlier);
        }
        let file = editor::keep(&edited, ".toml")?;
        let where_ = safe_line(&file.display().to_string()).into_owned();
        eprintln!("your edit is kept in {where_}");
        kept = Some(file);
        let again = Asker::with(global, "", "").and_then(|ask| ask.confirm("Edit it again?", true));
        if !matches!(again, Ok(true)) {
            return Err(UserError::new(format!(
                "the config file {shown} was left as it was; your edit is kept in {where_}"
            ))
            .hint("fix it there and copy it over, or run inc config edit again")
            .into());
        }
        text = edited;
    }
}

/// Where a chain of symbolic links ends, for a file not created yet (at
/// most 16 links, as the system allows about as many).
fn link_target(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..16 {
        match std::fs::read_link(&path) {
            Ok(target) => path = path.parent().unwrap_or(Path::new(".")).join(target),
            Err(_) => break,
        }
    }
    path
}

/// Writes the config file whole or not at all, creating its directory
/// private to the user (0700, whatever the umask), and keeps its
/// permissions (a new one is private to the user, 0600).
fn write_config(path: &Path, text: &str) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    let dir: PathBuf = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .with_context(|| format!("could not create {}", dir.display()))?;
    crate::commands::write_file(path, text)
}

/// A webhook URL's scheme and host, such as `https://hooks.slack.com/...`:
/// enough to tell which service it posts to, without the secret path.
fn webhook_site(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Credentials before an `@` are as secret as the path.
    let host = host.rsplit('@').next().unwrap_or(host);
    format!("{scheme}://{host}/...")
}
