//! Where things live and what the user configured: the config file, the
//! database path, the time zone and defaults. Overrides, strongest first:
//! flags, environment variables, the config file, built-in defaults.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::error::UserError;
use crate::model::Severity;
use crate::time::Zone;

/// The config file, `config.toml`. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Your name, recorded as the author of what you write.
    pub user: Option<String>,
    /// The database file.
    pub db: Option<PathBuf>,
    /// Severity of new incidents when `--sev` is not given (1-4).
    pub default_severity: Option<SeverityValue>,
    /// IANA time zone for showing and typing times.
    pub timezone: Option<String>,
    /// How long to wait for another writer, in milliseconds.
    pub busy_timeout_ms: Option<u64>,
}

/// A severity in the config file: `2` or `"SEV2"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum SeverityValue {
    Level(i64),
    Name(String),
}

impl Config {
    /// Reads the config file at `path`. A missing file is an empty config,
    /// unless the user named it explicitly.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(anyhow::Error::new(e)
                    .context(format!("could not read the config file {}", path.display())));
            }
        };
        toml::from_str(&text).map_err(|e| {
            let first_line = e.message().lines().next().unwrap_or("invalid").to_string();
            UserError::new(format!(
                "the config file {} is not valid: {first_line}",
                path.display()
            ))
            .hint("valid keys are user, db, default_severity, timezone and busy_timeout_ms; see docs/commands.md")
            .into()
        })
    }

    pub fn default_severity(&self) -> Result<Severity> {
        match &self.default_severity {
            None => Ok(Severity::DEFAULT),
            Some(SeverityValue::Level(n)) => n.to_string().parse().map_err(config_error),
            Some(SeverityValue::Name(s)) => s.parse().map_err(config_error),
        }
        .context("in the config key default_severity")
    }

    /// The zone to show and read times in: `INC_TZ`, else the config's
    /// `timezone`, else the system's.
    pub fn zone(&self) -> Result<Zone> {
        if let Some(tz) = non_empty_env("INC_TZ") {
            return Zone::from_name(&tz)
                .map_err(anyhow::Error::new)
                .context("in INC_TZ");
        }
        match &self.timezone {
            Some(tz) => Zone::from_name(tz)
                .map_err(anyhow::Error::new)
                .context("in the config key timezone"),
            None => Ok(Zone::system()),
        }
    }

    pub fn busy_timeout(&self) -> Duration {
        Duration::from_millis(self.busy_timeout_ms.unwrap_or(5000))
    }
}

fn config_error(e: UserError) -> anyhow::Error {
    e.into()
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

/// The database file, and whether it is the default location (whose
/// directory inc may create): the flag, else `INC_DB`, else the config's
/// `db`, else `$XDG_DATA_HOME/inc/inc.db`, else `~/.local/share/inc/inc.db`.
/// Empty values count as unset.
pub fn db_path(flag: Option<&Path>, config: &Config) -> Result<(PathBuf, bool)> {
    if let Some(p) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Ok((p.to_path_buf(), false));
    }
    if let Some(p) = non_empty_env("INC_DB") {
        return Ok((PathBuf::from(p), false));
    }
    if let Some(p) = &config.db {
        return Ok((expand_home(p)?, false));
    }
    Ok((
        xdg_dir("XDG_DATA_HOME", ".local/share")?.join("inc/inc.db"),
        true,
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
    fn config_parses_and_refuses_unknown_keys() {
        let c: Config = toml::from_str("user = \"alice\"\ndefault_severity = 3\n").unwrap();
        assert_eq!(c.user.as_deref(), Some("alice"));
        assert_eq!(c.default_severity().unwrap().level(), 3);
        let c: Config = toml::from_str("default_severity = \"SEV1\"").unwrap();
        assert_eq!(c.default_severity().unwrap().level(), 1);
        let c: Config = toml::from_str("default_severity = 7").unwrap();
        assert!(c.default_severity().is_err());
        assert!(toml::from_str::<Config>("usr = \"x\"").is_err());
        assert_eq!(Config::default().busy_timeout(), Duration::from_secs(5));
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
