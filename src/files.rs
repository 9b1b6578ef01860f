//! Reading a file inc is pointed at (the config file, the files of a Slack
//! export): only a plain file is read, opened without waiting, and never
//! more than a limit, so that a named pipe, a device or a link named by
//! mistake (or planted) is refused instead of hanging inc, filling its
//! memory or leading it elsewhere.

use std::fs::{self, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Whether a link at the path is followed to the file it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Unread {
    Missing,
    /// Not a plain file: what it is instead, such as "a named pipe".
    Kind(&'static str),
    /// More bytes than the limit.
    TooLarge,
    Io(io::Error),
}

/// What a file is, in words: "a plain file", "a folder", "a named
/// pipe"...
pub fn kind_of(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_file() {
        "a plain file"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "of an unknown kind"
    }
}

/// The bytes of the plain file at `path`, if it holds at most `limit`.
pub fn read_plain(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, Unread> {
    let look = |path: &Path| match links {
        Links::Follow => fs::metadata(path),
        Links::Refuse => fs::symlink_metadata(path),
    };
    // Looked at before it is opened, so that a pipe or a device is never
    // opened at all.
    match look(path) {
        Ok(meta) if meta.is_file() => {}
        Ok(meta) => return Err(Unread::Kind(kind_of(&meta))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unread::Missing),
        Err(e) => return Err(Unread::Io(e)),
    }
    // Opened without waiting on a pipe (nor following a link, if so
    // asked), in case it was swapped since; what was opened is looked at
    // again.
    let mut flags = libc::O_NONBLOCK;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| match look(path) {
            Ok(meta) if !meta.is_file() => Unread::Kind(kind_of(&meta)),
            _ => Unread::Io(e),
        })?;
    let meta = file.metadata().map_err(Unread::Io)?;
    if !meta.is_file() {
        return Err(Unread::Kind(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(Unread::TooLarge);
    }
    // Bounded even so: a file growing while it is read stops at the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Unread::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Unread::TooLarge);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(read: Result<Vec<u8>, Unread>) -> &'static str {
        match read {
            Err(Unread::Kind(kind)) => kind,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_a_plain_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, b"12345").unwrap();
        assert_eq!(read_plain(&file, 5, Links::Refuse).unwrap(), b"12345");
        assert!(matches!(
            read_plain(&file, 4, Links::Follow),
            Err(Unread::TooLarge)
        ));
        assert_eq!(kind(read_plain(dir.path(), 10, Links::Follow)), "a folder");
        assert_eq!(
            kind(read_plain(Path::new("/dev/zero"), 10, Links::Follow)),
            "a device"
        );
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_plain(&link, 5, Links::Follow).unwrap(), b"12345");
        assert_eq!(kind(read_plain(&link, 5, Links::Refuse)), "a symbolic link");
        assert!(matches!(
            read_plain(&dir.path().join("none"), 10, Links::Follow),
            Err(Unread::Missing)
        ));
    }
}
