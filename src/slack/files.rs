//! Reading the files of an export: only plain files and folders inside it,
//! never through a link, never a pipe or a device, and never more bytes
//! than a limit. An export is somebody else's zip: `unzip` restores the
//! links a crafted one holds, and a link could lead to any file the user
//! can read (or to `/dev/zero`, or a pipe nobody writes to). The folder
//! the user gives may itself be a link: that is their choice.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read as _;
use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::error::UserError;

/// The most a day file may hold: four times the longest note. A day of a
/// busy channel is a few megabytes; a bigger file is not a Slack day file.
pub const MAX_DAY_FILE: u64 = 4 * crate::model::MAX_TEXT as u64;

/// The most `users.json`, `channels.json` and the other lists may hold:
/// a workspace of a hundred thousand people fits many times over.
pub const MAX_LIST_FILE: u64 = 1024 * 1024 * 1024;

/// The bytes of the export's file at `path`, or None when there is none.
/// Anything but a plain file of at most `limit` bytes is refused, named
/// by what it is, and nothing of it is read.
pub fn read(path: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    // Looked at before it is opened, so that a pipe or a device is never
    // opened at all.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => {}
        Ok(meta) => return Err(not_plain(path, &meta, "a plain file")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(path, &e)),
    }
    // Opened without following a link and without waiting on a pipe, in
    // case it was swapped since; what was opened is looked at again.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match std::fs::symlink_metadata(path) {
            Ok(meta) if !meta.is_file() => not_plain(path, &meta, "a plain file"),
            _ => unreadable(path, &e),
        })?;
    let meta = file.metadata().map_err(|e| unreadable(path, &e))?;
    if !meta.is_file() {
        return Err(not_plain(path, &meta, "a plain file"));
    }
    if meta.len() > limit {
        return Err(too_large(path, limit));
    }
    // Bounded even so: a file growing while it is read stops at the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::take(file, limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    Ok(Some(bytes))
}

/// The paths of the files in the export's folder at `path`, which must be
/// a folder itself and not a link to one; None when there is none.
pub fn list(path: &Path) -> Result<Option<Vec<PathBuf>>> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) => return Err(not_plain(path, &meta, "a folder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(path, &e)),
    }
    let entries = std::fs::read_dir(path).map_err(|e| unreadable(path, &e))?;
    Ok(Some(
        entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
    ))
}

/// `path` is not what the export should hold there (`expected`).
fn not_plain(path: &Path, meta: &Metadata, expected: &str) -> anyhow::Error {
    let kind = meta.file_type();
    let what = if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_file() {
        "a plain file"
    } else {
        "of an unknown kind"
    };
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
