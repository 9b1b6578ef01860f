//! Reading the files of an export: only plain files and folders inside it,
//! never through a link, never a pipe or a device, and never more bytes
//! than a limit. An export is somebody else's zip: `unzip` restores the
//! links a crafted one holds, and a link could lead to any file the user
//! can read (or to `/dev/zero`, or a pipe nobody writes to). The folder
//! the user gives may itself be a link: that is their choice.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::error::UserError;
use crate::files::{self, Links, Unread};

/// The most a day file may hold: four times the longest note. A day of a
/// busy channel is a few megabytes; a bigger file is not a Slack day file.
pub const MAX_DAY_FILE: u64 = 4 * crate::model::MAX_TEXT as u64;

/// The most `users.json`, `channels.json` and the other lists may hold:
/// a workspace of a hundred thousand people fits many times over.
pub const MAX_LIST_FILE: u64 = 256 * 1024 * 1024;

/// The bytes of the export's file at `path`, or None when there is none.
/// Anything but a plain file of at most `limit` bytes is refused, named
/// by what it is, and nothing of it is read.
pub fn read(path: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    match files::read_plain(path, limit, Links::Refuse) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Unread::Missing) => Ok(None),
        Err(Unread::Kind(what)) => Err(not_plain(path, what, "a plain file")),
        Err(Unread::TooLarge) => Err(too_large(path, limit)),
        Err(Unread::Io(e)) => Err(unreadable(path, &e)),
    }
}

/// The paths of the files in the export's folder at `path`, which must be
/// a folder itself and not a link to one; None when there is none.
pub fn list(path: &Path) -> Result<Option<Vec<PathBuf>>> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) => return Err(not_plain(path, files::kind_of(&meta), "a folder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(path, &e)),
    }
    let entries = std::fs::read_dir(path).map_err(|e| unreadable(path, &e))?;
    Ok(Some(
        entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
    ))
}

/// `path` is `what` (see [`files::kind_of`]), not what the export should
/// hold there (`expected`).
fn not_plain(path: &Path, what: &str, expected: &str) -> anyhow::Error {
    UserError::new(format!("{} is {what}, not {expected}", path.display()))
        .hint("inc reads only the export's own files and folders, never what a link points to, a pipe or a device; unzip the export from Slack again")
        .into()
}

fn too_large(path: &Path, limit: u64) -> anyhow::Error {
    UserError::new(format!(
        "{} is larger than {} MiB, more than a file of a Slack export holds",
        path.display(),
        limit >> 20
    ))
    .hint("nothing was imported; is it a file of an unzipped Slack export?")
    .into()
}

fn unreadable(path: &Path, e: &std::io::Error) -> anyhow::Error {
    UserError::new(format!("could not read {}: {e}", path.display())).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        assert!(read(&path, 10).unwrap().is_none());
        std::fs::write(&path, "[1, 2]").unwrap();
        assert_eq!(read(&path, 6).unwrap().unwrap(), b"[1, 2]");
        let err = read(&path, 5).unwrap_err().to_string();
        assert!(err.contains("is larger than 0 MiB"), "{err}");
        let err = read(dir.path(), 5).unwrap_err().to_string();
        assert!(err.ends_with("is a folder, not a plain file"), "{err}");
        let link = dir.path().join("b.json");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let err = read(&link, 10).unwrap_err().to_string();
        assert!(
            err.ends_with("is a symbolic link, not a plain file"),
            "{err}"
        );
        let err = list(&path).unwrap_err().to_string();
        assert!(err.ends_with("is a plain file, not a folder"), "{err}");
        assert_eq!(list(dir.path()).unwrap().unwrap().len(), 2);
    }
}
