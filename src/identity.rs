//! Who is acting: recorded as the author of everything written.
//! `--as`, else `INC_USER`, else the config's `user`, else git's
//! `user.name`, else `$USER`.

use std::process::{Command, Stdio};

use crate::error::UserError;
use crate::model::clean_name;

/// The acting person's name. `flag` is `--as`.
pub fn resolve(flag: Option<&str>, config_user: Option<&str>) -> Result<String, UserError> {
    resolve_with_source(flag, config_user).map(|(name, _)| name)
}

/// The acting person's name and where it came from (`--as`, `INC_USER`,
/// `config`, `git`, `$USER`), for `inc config show`.
pub fn resolve_with_source(
    flag: Option<&str>,
    config_user: Option<&str>,
) -> Result<(String, &'static str), UserError> {
    if let Some(name) = flag {
        return Ok((clean_name("name given with --as", name)?, "--as"));
    }
    if let Some(name) = crate::config::non_empty_env("INC_USER") {
        return Ok((clean_name("name in INC_USER", &name)?, "INC_USER"));
    }
    if let Some(name) = config_user {
        return Ok((clean_name("config key user", name)?, "config file"));
    }
    if let Some(name) = git_user_name()
        && let Ok(name) = clean_name("user name", &name)
    {
        return Ok((name, "git user.name"));
    }
    if let Ok(name) = std::env::var("USER")
        && let Ok(name) = clean_name("user name", &name)
    {
        return Ok((name, "$USER"));
    }
    Err(UserError::new("cannot tell who you are")
        .hint("pass --as NAME, set INC_USER, or set user in the config file"))
}

/// `git config user.name`, if git is installed and has one.
fn git_user_name() -> Option<String> {
    let out = Command::new("git")
        .args(["config", "--get", "user.name"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let name = String::from_utf8(out.stdout).ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}
