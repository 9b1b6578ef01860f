//! Where things live and what the user configured: the config file, the
//! database path, the time zone and defaults. Overrides, strongest first:
//! flags, environment variables, the config file, built-in defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::error::UserError;
use crate::files::{Links, Unread};
use crate::model::public::Rules as PublicRules;
use crate::model::{DEFAULT_ROLES, NewChecklistItem, Severity};
use crate::time::Zone;

/// The config file, `config.toml`, as written. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    user: Option<String>,
    db: Option<PathBuf>,
    default_severity: Option<toml::Value>,
    timezone: Option<String>,
    busy_timeout_ms: Option<i64>,
    briefing_notes: Option<i64>,
    roles: Option<Vec<String>>,
    review_target_hours: Option<i64>,
    review_deadline_business_days: Option<i64>,
    severity: Option<BTreeMap<String, SeverityFile>>,
    notify: Option<NotifyFile>,
    security: Option<SecurityFile>,
    public: Option<PublicFile>,
}

/// The `[notify]` table: where status updates are posted.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotifyFile {
    /// With where it is written, for an error to name its line.
    webhook: Option<toml::Spanned<String>>,
    timeout_ms: Option<i64>,
}

/// The `[security]` table: the duties a security incident brings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecurityFile {
    checklist: Option<Vec<String>>,
}

/// The `[public]` table: what `inc review --public` replaces and keeps.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicFile {
    people: Option<Vec<String>>,
    keep: Option<Vec<String>>,
    redact: Option<Vec<String>>,
}

/// A `[severity.N]` table: how the team names and describes a level.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeverityFile {
    label: Option<String>,
    description: Option<String>,
}

/// The config keys, in the order `inc config show` prints them.
pub const KEYS: [&str; 13] = [
    "user",
    "db",
    "default_severity",
    "timezone",
    "busy_timeout_ms",
    "briefing_notes",
    "roles",
    "review_target_hours",
    "review_deadline_business_days",
    "severity",
    "notify",
    "security",
    "public",
];

/// How a team names and describes one severity level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityText {
    /// One word, accepted wherever a severity is typed (`--sev critical`).
    pub label: String,
    /// What the level means, shown when choosing one.
    pub description: String,
}

/// Where status updates are posted, and how long a post may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notify {
    /// A Slack-compatible incoming webhook (https, or http to this machine);
    /// none by default.
    pub webhook: Option<String>,
    /// A webhook the config file names but inc does not post to (a plain
    /// http:// address elsewhere than this machine): why, with its line.
    /// Only the commands that post refuse to go on; the others work.
    pub refused: Option<String>,
    /// The most a post may take, connecting and answering included.
    pub timeout: Duration,
}

/// The longest webhook timeout accepted: a minute.
const MAX_NOTIFY_TIMEOUT_MS: i64 = 60_000;

/// The longest busy timeout accepted: an hour.
const MAX_BUSY_TIMEOUT_MS: i64 = 3_600_000;

/// The settings from the config file, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// Your name, recorded as the author of what you write.
    pub user: Option<String>,
    /// The database file.
    pub db: Option<PathBuf>,
    /// Severity of new incidents when `--sev` is not given.
    pub default_severity: Severity,
    /// IANA time zone for showing and typing times, checked on loading.
    pub timezone: Option<Zone>,
    /// How long to wait for another writer.
    pub busy_timeout: Duration,
    /// How many of the latest notes a briefing shows.
    pub briefing_notes: usize,
    /// The roles responders can hold.
    pub roles: Vec<String>,
    /// When the review meeting should be held: hours after resolution.
    pub review_target_hours: u32,
    /// The last day for it: business days after resolution.
    pub review_deadline_business_days: u32,
    /// Labels and descriptions of SEV1 to SEV4, in that order.
    pub severities: [SeverityText; 4],
    /// Where status updates are posted.
    pub notify: Notify,
    /// The checklist a security incident gets, in order.
    pub security_checklist: Vec<NewChecklistItem>,
    /// What the public review replaces and keeps beyond people's names.
    pub public: PublicRules,
    /// The keys the config file set, for `inc config show`.
    pub from_file: Vec<&'static str>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            user: None,
            db: None,
            default_severity: Severity::DEFAULT,
            timezone: None,
            busy_timeout: Duration::from_millis(5000),
            briefing_notes: 5,
            roles: DEFAULT_ROLES.iter().map(|r| (*r).to_string()).collect(),
            review_target_hours: 24,
            review_deadline_business_days: 2,
            severities: DEFAULT_SEVERITIES.map(|(label, description)| SeverityText {
                label: label.to_string(),
                description: description.to_string(),
            }),
            notify: Notify {
                webhook: None,
                refused: None,
                timeout: Duration::from_millis(5000),
            },
            security_checklist: DEFAULT_CHECKLIST
                .iter()
                .map(|(area, body)| NewChecklistItem {
                    area: (*area).to_string(),
                    body: (*body).to_string(),
                })
                .collect(),
            public: PublicRules::default(),
            from_file: Vec::new(),
        }
    }
}

/// The largest config file inc reads: far more than any real one.
const CONFIG_LIMIT: u64 = 1 << 20;

/// The text of the config file at `path`, or None when there is none.
/// Only a plain file (a link is followed) of UTF-8 text up to
/// [`CONFIG_LIMIT`] is read: a named pipe named by mistake must not hang
/// every command.
pub fn read_text(path: &Path) -> Result<Option<String>> {
    let unreadable = |why: String| -> anyhow::Error {
        UserError::new(format!(
            "could not read the config file {}: {why}",
            path.display()
        ))
        .hint("name a plain file of settings with --config or INC_CONFIG, or remove this one")
        .into()
    };
    match crate::files::read_plain(path, CONFIG_LIMIT, Links::Follow) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| unreadable("it is not UTF-8 text".to_string())),
        Err(Unread::Missing) => Ok(None),
        Err(Unread::Kind(what)) => Err(unreadable(format!("it is {what}, not a plain file"))),
        Err(Unread::TooLarge) => Err(unreadable(format!(
            "it holds more than {} MiB",
            CONFIG_LIMIT >> 20
        ))),
        Err(Unread::Io(e)) => Err(anyhow::Error::new(e)
            .context(format!("could not read the config file {}", path.display()))),
    }
}

impl Config {
    /// Reads and checks the config file at `path`. A missing file is an
    /// empty config, unless the user named it explicitly.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        // `INC_CONFIG=/dev/null`: no settings, as scripts often say.
        if path == Path::new("/dev/null") {
            return Ok(Config::default());
        }
        let text = match read_text(path)? {
            Some(text) => text,
            None if !explicit => return Ok(Config::default()),
            None => {
                return Err(UserError::new(format!(
                    "the config file {} does not exist",
                    path.display()
                ))
                .hint(
                    "create it with `inc config edit`, or name another with --config or INC_CONFIG",
                )
                .into());
            }
        };
        Config::parse(&text).map_err(|problem| {
            UserError::new(format!(
                "the config file {} is not valid: {problem}",
                path.display()
            ))
            // A [severity.N] table's keys are in the message itself.
            .hint(
                if problem.contains("unknown field") && !problem.contains(", expected") {
                    format!(
                        "fix it with `inc config edit`; valid keys are {}; see docs/config.md",
                        KEYS.join(", ")
                    )
                } else {
                    "fix it with `inc config edit`; docs/config.md describes every key".to_string()
                },
            )
            .into()
        })
    }

    /// Checks config text, as `inc config edit` does before saving it.
    pub fn check(text: &str) -> Result<(), String> {
        Config::parse(text).map(|_| ())
    }

    /// Parses and checks config text; the error says where and what.
    fn parse(text: &str) -> Result<Config, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text.get(..span.start).unwrap_or(text).matches('\n').count() + 1);
            let message = e.message().lines().next().unwrap_or("invalid");
            // "unknown field `x`, expected one of ...": the hint lists the
            // top-level keys; a [severity.N] table's two stay in the message.
            let message = match message.split_once(", expected one of") {
                Some((unknown, _)) if unknown.starts_with("unknown field") => unknown,
                _ => message,
            }
            .to_string();
            match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            }
        })?;
        let from_file = file.keys();
        let severities = severities(file.severity.as_ref())?;
        let labels = Config {
            severities: severities.clone(),
            ..Config::default()
        };
        let default_severity = match &file.default_severity {
            None => Some(Severity::DEFAULT),
            Some(toml::Value::Integer(n)) => n.to_string().parse().ok(),
            Some(toml::Value::String(s)) => labels.parse_severity(s).ok(),
            Some(_) => None,
        }
        .ok_or("default_severity must be 1 to 4, or a name such as \"SEV2\" or \"major\"")?;
        let busy_timeout = match file.busy_timeout_ms {
            None => Duration::from_millis(5000),
            Some(ms @ 0..=MAX_BUSY_TIMEOUT_MS) => Duration::from_millis(ms.unsigned_abs()),
            Some(_) => {
                return Err(format!(
                    "busy_timeout_ms must be a number of milliseconds from 0 to {MAX_BUSY_TIMEOUT_MS}"
                ));
            }
        };
        let briefing_notes = match file.briefing_notes {
            None => 5,
            Some(n @ 1..=100) => n.unsigned_abs() as usize,
            Some(_) => return Err("briefing_notes must be a number from 1 to 100".to_string()),
        };
        let roles = match file.roles {
            None => Config::default().roles,
            Some(roles) => {
                let roles: Vec<String> = roles.iter().map(|r| r.trim().to_lowercase()).collect();
                let plain = |r: &String| {
                    !r.is_empty() && r.chars().all(|c| c.is_alphanumeric() || "-_".contains(c))
                };
                if roles.is_empty() || !roles.iter().all(plain) {
                    return Err(
                        "roles must be a list of one-word names, such as [\"scribe\", \"comms\"]"
                            .to_string(),
                    );
                }
                roles
            }
        };
        let review_target_hours = match file.review_target_hours {
            None => 24,
            Some(n @ 1..=720) => u32::try_from(n).unwrap_or(24),
            Some(_) => {
                return Err(
                    "review_target_hours must be a number of hours from 1 to 720".to_string(),
                );
            }
        };
        let review_deadline_business_days = match file.review_deadline_business_days {
            None => 2,
            Some(n @ 0..=60) => u32::try_from(n).unwrap_or(2),
            Some(_) => {
                return Err(
                    "review_deadline_business_days must be a number from 0 to 60".to_string(),
                );
            }
        };
        let timezone = match file.timezone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(Zone::from_name(name).map_err(|e| format!("timezone: {e}"))?),
        };
        let notify = notify(file.notify.as_ref(), text)?;
        let security_checklist = match file.security.as_ref().and_then(|s| s.checklist.as_ref()) {
            None => Config::default().security_checklist,
            Some(items) => checklist(items)?,
        };
        let public = public(file.public.as_ref())?;
        Ok(Config {
            user: file.user,
            db: file.db.filter(|p| !p.as_os_str().is_empty()),
            default_severity,
            timezone,
            busy_timeout,
            briefing_notes,
            roles,
            review_target_hours,
            review_deadline_business_days,
            severities,
            notify,
            security_checklist,
            public,
            from_file,
        })
    }

    /// The label and description of a severity level.
    pub fn severity_text(&self, severity: Severity) -> &SeverityText {
        &self.severities[usize::from(severity.level() - Severity::WORST)]
    }

    /// Reads a typed severity: 1 to 4, SEV1 to SEV4, or a configured label.
    pub fn parse_severity(&self, input: &str) -> Result<Severity, UserError> {
        let wanted = input.trim();
        for level in Severity::WORST..=Severity::MILDEST {
            let severity = Severity::new(level).expect("in range");
            if self
                .severity_text(severity)
                .label
                .eq_ignore_ascii_case(wanted)
            {
                return Ok(severity);
            }
        }
        input.parse::<Severity>().map_err(|e| {
            let labels: Vec<&str> = self.severities.iter().map(|t| t.label.as_str()).collect();
            e.hint(format!(
                "use 1 to 4, SEV1 to SEV4 or a label ({}); SEV1 is the worst",
                labels.join(", ")
            ))
        })
    }

    /// The zone to show and read times in: `INC_TZ`, else the config's
    /// `timezone`, else the system's.
    pub fn zone(&self) -> Result<Zone> {
        if let Some(tz) = non_empty_env("INC_TZ") {
            return Zone::from_name(&tz)
                .map_err(anyhow::Error::new)
                .context("in INC_TZ");
        }
        Ok(self.timezone.clone().unwrap_or_else(Zone::system))
    }
}

impl ConfigFile {
    fn keys(&self) -> Vec<&'static str> {
        let set = [
            self.user.is_some(),
            self.db.is_some(),
            self.default_severity.is_some(),
            self.timezone.is_some(),
            self.busy_timeout_ms.is_some(),
            self.briefing_notes.is_some(),
            self.roles.is_some(),
            self.review_target_hours.is_some(),
            self.review_deadline_business_days.is_some(),
            self.severity.is_some(),
            self.notify.is_some(),
            self.security.is_some(),
            self.public.is_some(),
        ];
        KEYS.iter()
            .zip(set)
            .filter_map(|(key, set)| set.then_some(*key))
            .collect()
    }
}

/// The `[public]` lists, checked: words of text only, each non-empty.
fn public(file: Option<&PublicFile>) -> Result<PublicRules, String> {
    let Some(file) = file else {
        return Ok(PublicRules::default());
    };
    let list = |key: &str, words: Option<&Vec<String>>| -> Result<Vec<String>, String> {
        let words: Vec<String> = words
            .into_iter()
            .flatten()
            .map(|w| w.trim().to_string())
            .collect();
        if words
            .iter()
            .any(|w| w.is_empty() || w.chars().any(char::is_control))
        {
            return Err(format!(
                "public.{key} must be a list of names or words, such as [\"Acme Pay\", \"@acmestatus\"]"
            ));
        }
        Ok(words)
    };
    Ok(PublicRules {
        people: list("people", file.people.as_ref())?,
        keep: list("keep", file.keep.as_ref())?,
        redact: list("redact", file.redact.as_ref())?,
    })
}

/// The built-in checklist of a security incident: the communication duties
/// its legal and marketing sides bring.
const DEFAULT_CHECKLIST: [(&str, &str); 6] = [
    (
        "legal",
        "statutory or regulatory reporting (such as a data protection authority)",
    ),
    (
        "legal",
        "contractual commitments to customers (notice periods, SLAs)",
    ),
    ("legal", "insurance claims"),
    ("marketing", "exposure of sensitive customer data"),
    ("marketing", "zero-day exploits: coordinated disclosure"),
    (
        "marketing",
        "special messaging rules, such as those of a publicly traded company",
    ),
];

impl Notify {
    /// The webhook to post to, if any; an error when the config file names
    /// one inc refuses (see [`Notify::refused`]).
    pub fn webhook_to_post(&self) -> Result<Option<&str>, UserError> {
        match &self.refused {
            Some(problem) => Err(UserError::new(format!(
                "the config file's webhook is not used: {problem}"
            ))
            .hint(CLEARTEXT_WEBHOOK_HINT)),
            None => Ok(self.webhook.as_deref()),
        }
    }
}

/// The `[notify]` table, checked; `text` is the file, for line numbers.
fn notify(file: Option<&NotifyFile>, text: &str) -> Result<Notify, String> {
    let mut notify = Config::default().notify;
    let Some(file) = file else {
        return Ok(notify);
    };
    if let Some(spanned) = &file.webhook {
        let line = text
            .get(..spanned.span().start)
            .unwrap_or(text)
            .matches('\n')
            .count()
            + 1;
        match webhook(spanned.get_ref()) {
            Ok(url) => notify.webhook = Some(url.to_string()),
            // Refused only by the commands that post: a config that worked
            // before must not stop `inc tl` in the middle of an incident.
            Err(problem) if problem.starts_with(CLEARTEXT_WEBHOOK) => {
                notify.refused = Some(format!("line {line}: {problem}"));
            }
            Err(problem) => return Err(format!("line {line}: {problem}")),
        }
    }
    notify.timeout = match file.timeout_ms {
        None => notify.timeout,
        Some(ms @ 1..=MAX_NOTIFY_TIMEOUT_MS) => Duration::from_millis(ms.unsigned_abs()),
        Some(_) => {
            return Err(format!(
                "[notify] timeout_ms must be a number of milliseconds from 1 to {MAX_NOTIFY_TIMEOUT_MS}"
            ));
        }
    };
    Ok(notify)
}

/// What starts the message of a webhook refused for being plain http://
/// (see [`Notify::refused`]).
const CLEARTEXT_WEBHOOK: &str = "[notify] webhook must be an https:// address";

/// How to make such a webhook one inc posts to.
pub const CLEARTEXT_WEBHOOK_HINT: &str = "write the https:// address the service gave; http:// is accepted only for a server on this machine (localhost, 127.0.0.1 or ::1)";

/// A webhook URL, checked: http or https with a host, and https unless the
/// host is this machine. The URL is a secret (its path is the key to the
/// channel): over plain http:// anyone on the way could read it, so that
/// is only for a test server on a loopback address. The host is read by
/// the same parser the client connects with, so `127.0.0.1@host` or
/// `localhost.example.com` cannot pass for this machine. A problem never
/// repeats the URL.
fn webhook(url: &str) -> Result<&str, String> {
    let url = url.trim();
    let invalid = || {
        "[notify] webhook must be an http:// or https:// address, such as \"https://hooks.slack.com/services/...\""
            .to_string()
    };
    if url.chars().any(|c| c.is_control() || c == ' ') {
        return Err(invalid());
    }
    let uri: ureq::http::Uri = url.parse().map_err(|_| invalid())?;
    let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(invalid)?;
    match uri.scheme_str() {
        Some("https") => Ok(url),
        Some("http") if is_loopback(host) => Ok(url),
        Some("http") => Err(format!(
            "{CLEARTEXT_WEBHOOK}: over http:// its secret path would travel in clear text"
        )),
        _ => Err(invalid()),
    }
}

/// Whether a URL's host is this machine: `localhost`, 127.0.0.0/8 or ::1.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `[security] checklist`: items written "area: what to do", checked.
fn checklist(items: &[String]) -> Result<Vec<NewChecklistItem>, String> {
    items
        .iter()
        .map(|raw| {
            NewChecklistItem::parse(raw).map_err(|_| {
                format!(
                    "[security] checklist item {raw:?} must be written \"area: what to do\", such as \"legal: notify the regulator\", on one line"
                )
            })
        })
        .collect()
}

/// Built-in labels and descriptions of SEV1 to SEV4.
const DEFAULT_SEVERITIES: [(&str, &str); 4] = [
    (
        "critical",
        "most customers cannot use the product, or data is at risk",
    ),
    (
        "major",
        "a key feature is down or badly degraded for many customers",
    ),
    (
        "minor",
        "part of the product is degraded for some customers; a workaround exists",
    ),
    ("low", "little or no customer impact"),
];

/// The `[severity.N]` tables over the built-in texts, checked.
fn severities(file: Option<&BTreeMap<String, SeverityFile>>) -> Result<[SeverityText; 4], String> {
    let mut texts = Config::default().severities;
    for (key, given) in file.into_iter().flatten() {
        let level = key
            .parse::<Severity>()
            .map_err(|_| format!("[severity.{key}]: the level must be 1 to 4"))?;
        let text = &mut texts[usize::from(level.level() - Severity::WORST)];
        if let Some(label) = &given.label {
            let label = label.trim();
            let word = !label.is_empty()
                && label.chars().count() <= 20
                && label
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_".contains(c));
            if label.parse::<Severity>().is_ok() {
                return Err(format!(
                    "[severity.{key}] label must not be a severity itself, such as \"{label}\": it would mean two levels"
                ));
            }
            if !word {
                return Err(format!(
                    "[severity.{key}] label must be one word of up to 20 letters, digits, - or _, such as \"critical\""
                ));
            }
            text.label = label.to_string();
        }
        if let Some(description) = &given.description {
            let description = description.trim();
            if description.is_empty()
                || description.chars().count() > 200
                || description.chars().any(char::is_control)
            {
                return Err(format!(
                    "[severity.{key}] description must be one line of up to 200 characters"
                ));
            }
            text.description = description.to_string();
        }
    }
    for (i, a) in texts.iter().enumerate() {
        if texts[..i]
            .iter()
            .any(|b| b.label.eq_ignore_ascii_case(&a.label))
        {
            return Err(format!(
                "severity label \"{}\" is used for two levels; each needs its own",
                a.label
            ));
        }
    }
    Ok(texts)
}

/// An environment variable, treating empty as unset.
pub fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn home() -> Result<PathBuf> {
    directories::BaseDirs::new()
        .map(|b| b.home_dir().to_path_buf())
        .ok_or_else(|| {
            UserError::new("cannot find your home directory")
                .hint("set INC_DB and INC_CONFIG to the files inc should use")
                .into()
        })
}

/// An XDG base directory: the variable if it holds an absolute path, else
/// `fallback` under the home directory. The same on Linux and macOS.
fn xdg_dir(var: &str, fallback: &str) -> Result<PathBuf> {
    match non_empty_env(var).map(PathBuf::from) {
        Some(p) if p.is_absolute() => Ok(p),
        _ => Ok(home()?.join(fallback)),
    }
}

/// The config file, and whether the user named it: the flag, else
/// `INC_CONFIG`, else `$XDG_CONFIG_HOME/inc/config.toml`, else
/// `~/.config/inc/config.toml`. Empty values count as unset.
pub fn config_path(flag: Option<&Path>) -> Result<(PathBuf, bool)> {
    let named = flag
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| non_empty_env("INC_CONFIG").map(PathBuf::from));
    match named {
        Some(p) => Ok((p, true)),
        None => Ok((
            xdg_dir("XDG_CONFIG_HOME", ".config")?.join("inc/config.toml"),
            false,
        )),
    }
}

/// Where the database path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbSource {
    /// `--db`.
    Flag,
    /// `INC_DB`.
    Env,
    /// The config key `db`.
    Config,
    /// The default location, whose directory inc may create.
    Default,
}

impl DbSource {
    /// As `inc config show` and `inc doctor` name it.
    pub fn name(self) -> &'static str {
        match self {
            DbSource::Flag => "--db",
            DbSource::Env => "INC_DB",
            DbSource::Config => "config file",
            DbSource::Default => "default location",
        }
    }
}

/// The database file, and where its path came from: the flag, else
/// `INC_DB`, else the config's `db`, else `$XDG_DATA_HOME/inc/inc.db`, else
/// `~/.local/share/inc/inc.db`. Empty values count as unset.
pub fn db_path(flag: Option<&Path>, config: &Config) -> Result<(PathBuf, DbSource)> {
    if let Some(p) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Ok((p.to_path_buf(), DbSource::Flag));
    }
    if let Some(p) = non_empty_env("INC_DB") {
        return Ok((PathBuf::from(p), DbSource::Env));
    }
    if let Some(p) = &config.db {
        return Ok((expand_home(p)?, DbSource::Config));
    }
    Ok((
        xdg_dir("XDG_DATA_HOME", ".local/share")?.join("inc/inc.db"),
        DbSource::Default,
    ))
}

fn expand_home(p: &Path) -> Result<PathBuf> {
    match p.strip_prefix("~") {
        Ok(rest) => Ok(home()?.join(rest)),
        Err(_) => Ok(p.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_parses_and_checks_every_key() {
        let c = Config::parse("user = \"alice\"\ndefault_severity = 3\n").unwrap();
        assert_eq!(c.user.as_deref(), Some("alice"));
        assert_eq!(c.default_severity.level(), 3);
        let c = Config::parse("default_severity = \"SEV1\"\nbusy_timeout_ms = 250").unwrap();
        assert_eq!(c.default_severity.level(), 1);
        assert_eq!(c.busy_timeout, Duration::from_millis(250));
        assert!(Config::parse("db = \"\"").unwrap().db.is_none());
        assert_eq!(
            Config::parse("").unwrap().busy_timeout,
            Duration::from_secs(5)
        );
        let c = Config::parse("briefing_notes = 3\nroles = [\"Scribe\", \"legal\"]").unwrap();
        assert_eq!(
            (c.briefing_notes, c.roles),
            (3, vec!["scribe".to_string(), "legal".to_string()])
        );

        let refused = [
            ("default_severity = 7", "default_severity must be 1 to 4"),
            (
                "default_severity = \"x€\"",
                "default_severity must be 1 to 4",
            ),
            ("default_severity = [1]", "default_severity must be 1 to 4"),
            ("busy_timeout_ms = -1", "busy_timeout_ms must be"),
            ("busy_timeout_ms = 99999999999", "busy_timeout_ms must be"),
            ("user = \"a\"\nusr = \"x\"", "line 2: unknown field `usr`"),
            ("busy_timeout_ms = \"soon\"", "line 1: invalid type"),
            ("user = ", "line 1:"),
            ("briefing_notes = 0", "briefing_notes must be"),
            ("roles = []", "roles must be"),
            ("roles = [\"two words\"]", "roles must be"),
            (
                "timezone = \"Mars/Base\"",
                "timezone: `Mars/Base` is not a time zone",
            ),
            (
                "[severity.5]\nlabel = \"x\"",
                "[severity.5]: the level must be 1 to 4",
            ),
            (
                "[severity.1]\nlabel = \"very bad\"",
                "label must be one word",
            ),
            (
                "[severity.1]\nlabel = \"SEV2\"",
                "label must not be a severity itself",
            ),
            (
                "[severity.1]\ndescription = \"\"",
                "description must be one line",
            ),
            (
                "[severity.1]\ncolour = \"red\"",
                "line 2: unknown field `colour`",
            ),
            (
                "[severity.2]\nlabel = \"Critical\"",
                "is used for two levels",
            ),
        ];
        for (text, expected) in refused {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
            assert!(!err.contains('\n'), "{text:?}: one line please: {err}");
        }
    }

    #[test]
    fn a_webhook_is_https_unless_it_is_on_this_machine() {
        let hook = |url: &str| Config::parse(&format!("[notify]\nwebhook = \"{url}\"\n"));
        for url in [
            "https://hooks.slack.com/services/T0/B0/X",
            " https://chat.example.com:8443/hooks/x?y=1 ",
            "http://localhost:8080/x",
            "http://LOCALHOST/x",
            "http://127.0.0.1:1/x",
            "http://127.200.0.1/x",
            "http://[::1]:8080/x",
        ] {
            let c = hook(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(c.notify.webhook.as_deref(), Some(url.trim()));
        }
        for url in [
            "http://hooks.slack.com/services/T0/B0/X",
            "http://10.0.0.1/x",
            "http://[::2]/x",
            "http://127.0.0.1@hooks.example.com/x",
            "http://localhost.example.com/x",
            "http://127.0.0.1.example.com/x",
            "http://2130706433/x",
        ] {
            // Read, but refused by the commands that post (see Notify).
            let c = hook(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(c.notify.webhook, None, "{url}");
            let err = c.notify.refused.unwrap_or_default();
            assert!(
                err.starts_with("line 2: [notify] webhook must be an https:// address:"),
                "{url}: {err}"
            );
            assert!(!err.contains("/x") && !err.contains("T0"), "{url}: {err}");
        }
        for url in [
            "ftp://example.com/x",
            "https://",
            "hooks.slack.com/x",
            "https://a b/",
        ] {
            let err = hook(url).unwrap_err();
            assert!(
                err.contains("[notify] webhook must be an http:// or https:// address"),
                "{url}: {err}"
            );
        }
    }

    #[test]
    fn severity_labels_and_descriptions_override_the_built_in_ones() {
        let c = Config::parse(
            "default_severity = \"sev3\"\n[severity.1]\nlabel = \"P1\"\n[severity.SEV4]\ndescription = \"cosmetic\"\n",
        )
        .unwrap();
        let sev = |n| Severity::new(n).unwrap();
        assert_eq!(c.severity_text(sev(1)).label, "P1");
        assert_eq!(c.severity_text(sev(2)).label, "major");
        assert_eq!(c.severity_text(sev(4)).description, "cosmetic");
        assert_eq!(c.parse_severity("p1").unwrap(), sev(1));
        assert_eq!(c.parse_severity("Major").unwrap(), sev(2));
        assert_eq!(c.parse_severity("4").unwrap(), sev(4));
        let err = c.parse_severity("critical").unwrap_err();
        assert!(err.to_string().contains("not a severity"), "{err}");
        assert_eq!(c.from_file, vec!["default_severity", "severity"]);
    }

    #[test]
    fn missing_default_config_is_empty_but_missing_named_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.toml");
        assert!(Config::load(&path, false).unwrap().user.is_none());
        assert!(Config::load(&path, true).is_err());
        std::fs::write(&path, "user = ").unwrap();
        let err = Config::load(&path, false).unwrap_err();
        assert!(err.to_string().contains("is not valid"), "{err}");
    }
}
