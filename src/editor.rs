//! Long text in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`),
//! for `inc tl --edit` and `inc config edit`. The editor runs through the
//! shell, as git runs it, so `EDITOR="code --wait"` works.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::error::UserError;

/// A marker line: it and everything below it are left out of the text.
pub const CUT_LINE: &str = "# ------------------------ >8 ------------------------";

/// The editor command to run.
fn editor() -> String {
    crate::config::non_empty_env("VISUAL")
        .or_else(|| crate::config::non_empty_env("EDITOR"))
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the editor on `path` and waits for it. While it runs, inc outlives
/// the signals the terminal sends (Ctrl-C, a hang-up), so that it can
/// tidy up after the editor whatever happens to it.
pub fn edit_file(path: &Path) -> Result<()> {
    let editor = editor();
    let shield = crate::interrupt::shielded()?;
    let status = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("inc-editor")
        .arg(path)
        .status();
    drop(shield);
    let status = status.with_context(|| format!("could not start the editor `{editor}`"))?;
    if !status.success() {
        return Err(
            UserError::new(format!("the editor `{editor}` failed ({status})"))
                .hint("set VISUAL or EDITOR to an editor that waits until you close the file")
                .into(),
        );
    }
    Ok(())
}

/// Lets the user edit `text` in a private temporary file and returns what
/// they saved, cut at [`CUT_LINE`]. If the editor fails after the text was
/// changed, the file is kept and the error says where.
pub fn edit_text(text: &str, suffix: &str) -> Result<String> {
    let file = TempFile::create(suffix)?;
    std::fs::write(&file.0, text).context("could not write the file to edit")?;
    if let Err(e) = edit_file(&file.0) {
        let changed = std::fs::read_to_string(&file.0).is_ok_and(|now| now != text);
        if changed {
            let path = file.keep();
            return Err(e.context(format!(
                "nothing was written; what you wrote is kept in {}",
                path.display()
            )));
        }
        return Err(e.context("nothing was written"));
    }
    let edited = std::fs::read_to_string(&file.0).map_err(|_| {
        UserError::new("the edited text is not valid UTF-8; nothing was written")
            .hint("save the file as UTF-8")
    })?;
    let kept = match edited.find(CUT_LINE) {
        Some(at) => &edited[..at],
        None => &edited[..],
    };
    Ok(kept.to_string())
}

/// Saves `text` in a new private file, for text that could not be
/// recorded, and returns its path.
pub fn keep(text: &str, suffix: &str) -> Result<PathBuf> {
    let file = TempFile::create(suffix)?;
    std::fs::write(&file.0, text).context("could not save the text")?;
    Ok(file.keep())
}

/// A file only the user can read, removed when dropped unless kept.
struct TempFile(PathBuf, bool);

impl TempFile {
    fn create(suffix: &str) -> Result<TempFile> {
        let path = std::env::temp_dir().join(format!("inc-{}{suffix}", uuid::Uuid::now_v7()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(&path)
            .with_context(|| format!("could not create {}", path.display()))?;
        Ok(TempFile(path, false))
    }

    fn keep(mut self) -> PathBuf {
        self.1 = true;
        self.0.clone()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.1 {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}
