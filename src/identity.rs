//! Who is acting: recorded as the author of everything written.
//! `--as`, else `INC_USER`, else the config's `user`, else git's
//! `user.name`, else `$USER`.

use std::process::{Command, Stdio};

use crate::error::UserError;
use crate::model::clean_name;

/// The acting person's name. `flag` is `--as`.
pub fn resolve(flag: Option<&str>, config_user: Option<&str>) -> Result<String, UserError> {
    if let Some(name) = flag {
        return clean_name("name given with --as", name);
    }
    if let Some(name) = crate::config::non_empty_env("INC_USER") {
        return clean_name("name in INC_USER", &name);
    }
    if let Some(name) = config_user {
        return clean_name("config key user", name);
    }
    if let Some(name) = git_user_name().or_else(|| std::env::var("USER").ok())
        && let Ok(name) = clean_name("user name", &name)
    {
        return Ok(name);
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
