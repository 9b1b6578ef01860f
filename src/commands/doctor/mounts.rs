//! Which filesystem a path lives on, from Linux's /proc/self/mountinfo, and
//! whether SQLite's file locking can be trusted there. Network and shared
//! filesystems often implement the POSIX locks SQLite relies on badly or
//! not at all, and two writers can then damage the database.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

/// One line of mountinfo: where a filesystem is mounted, and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub point: PathBuf,
    /// As the kernel names it: `ext4`, `nfs4`, `fuse.sshfs`.
    pub fstype: String,
}

/// Parses mountinfo text (proc(5)). Each line reads
/// `ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER-OPTIONS`;
/// the kernel writes a space, tab, newline or backslash in a field as an
/// octal escape (`\040`). Lines that do not have this shape are skipped.
pub fn parse(text: &str) -> Vec<Mount> {
    text.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<Mount> {
    let fields: Vec<&str> = line.split(' ').collect();
    let point = fields.get(4)?;
    // The optional fields end at a lone "-"; the type follows it.
    let separator = 6 + fields.get(6..)?.iter().position(|f| *f == "-")?;
    let fstype = fields.get(separator + 1).filter(|t| !t.is_empty())?;
    Some(Mount {
        point: PathBuf::from(OsString::from_vec(unescape(point))),
        fstype: String::from_utf8_lossy(&unescape(fstype)).into_owned(),
    })
}

/// Undoes the kernel's `\NNN` octal escapes.
fn unescape(field: &str) -> Vec<u8> {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes.get(i + 1..i + 4).filter(|d| {
            bytes[i] == b'\\' && d.iter().all(|b| (b'0'..=b'7').contains(b)) && d[0] <= b'3'
        });
        match octal {
            Some(d) => {
                out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                i += 4;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// The mount `path` lives on: the one with the longest mount point that is
/// a prefix of it, component by component. Of several mounts on the same
/// point the last one listed is the one on top, and the one that counts.
pub fn containing<'a>(mounts: &'a [Mount], path: &Path) -> Option<&'a Mount> {
    mounts
        .iter()
        .filter(|m| path.starts_with(&m.point))
        .max_by_key(|m| m.point.components().count())
}

/// What kind of filesystem a type is, for SQLite's sake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Local,
    /// A network or host-shared filesystem: locking is unreliable.
    Network,
    /// Another FUSE filesystem: locking works only if it passes locks
    /// through, and it may well be remote.
    Fuse,
}

/// Filesystem types that reach over a network or out of a virtual machine.
const NETWORK: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "coda",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "gpfs",
    "beegfs",
    "orangefs",
    "pvfs2",
    "davfs",
    "virtiofs",
    "vboxsf",
    "vmhgfs",
    "prl_fs",
    "drvfs",
    "fuse.sshfs",
    "fuse.rclone",
    "fuse.s3fs",
    "fuse.gcsfuse",
    "fuse.goofys",
    "fuse.juicefs",
    "fuse.glusterfs",
    "fuse.ceph-fuse",
    "fuse.vmhgfs-fuse",
    "fuse.davfs2",
];

pub fn kind(fstype: &str) -> Kind {
    if NETWORK.contains(&fstype) {
        Kind::Network
    } else if fstype == "fuse" || fstype.starts_with("fuse.") {
        // `fuseblk` is left out: it is a local disk (NTFS, exFAT) through FUSE.
        Kind::Fuse
    } else {
        Kind::Local
    }
}

/// The type of the filesystem `path` lives on, if this system says.
pub fn fstype_of(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    containing(&parse(&text), path).map(|m| m.fstype.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
61 27 0:52 / /home/alice/My\\040Files rw,relatime shared:30 master:2 - nfs4 server:/export/files rw,vers=4.2
62 27 0:53 / /home/alice/My rw,relatime - tmpfs tmpfs rw
70 27 0:60 / /mnt/remote rw,nosuid,nodev - fuse.sshfs alice@host:/srv rw,user_id=0
71 27 0:61 / /mnt/remote rw,relatime - ext4 /dev/vdb rw
80 27 0:70 / /mnt/tab\\011and\\134slash rw - xfs /dev/vdc rw
not a mountinfo line
90 27 0:80 / /broken rw no-separator ext4
";

    fn on(path: &str) -> Option<String> {
        containing(&parse(SAMPLE), Path::new(path)).map(|m| m.fstype.clone())
    }

    #[test]
    fn lines_parse_with_escapes_and_optional_fields() {
        let mounts = parse(SAMPLE);
        assert_eq!(mounts.len(), 7, "{mounts:?}");
        assert_eq!(
            mounts[2],
            Mount {
                point: PathBuf::from("/home/alice/My Files"),
                fstype: "nfs4".into(),
            }
        );
        assert_eq!(mounts[6].point, Path::new("/mnt/tab\tand\\slash"));
        assert_eq!(mounts[0].fstype, "proc");
    }

    #[test]
    fn the_longest_mount_point_prefix_wins_by_whole_components() {
        assert_eq!(on("/home/alice/My Files/inc").as_deref(), Some("nfs4"));
        assert_eq!(on("/home/alice/My Files").as_deref(), Some("nfs4"));
        // `/home/alice/My` is a prefix in text only, not a parent.
        assert_eq!(on("/home/alice/My Filesystem/inc").as_deref(), Some("ext4"));
        assert_eq!(on("/home/alice/My/inc").as_deref(), Some("tmpfs"));
        assert_eq!(on("/var/lib/inc").as_deref(), Some("ext4"));
        assert_eq!(on("/mnt/tab\tand\\slash/x").as_deref(), Some("xfs"));
    }

    #[test]
    fn the_last_mount_on_a_point_is_the_one_on_top() {
        assert_eq!(on("/mnt/remote/inc.db").as_deref(), Some("ext4"));
    }

    #[test]
    fn nothing_matches_without_a_root_mount() {
        let mounts = parse("61 27 0:52 / /srv rw - nfs host:/x rw\n");
        assert_eq!(containing(&mounts, Path::new("/home/alice")), None);
    }

    #[test]
    fn escapes_that_are_not_octal_stay_as_written() {
        assert_eq!(unescape(r"a\040b"), b"a b");
        assert_eq!(unescape(r"a\09b\x\4"), br"a\09b\x\4");
        assert_eq!(unescape(r"\777"), br"\777");
    }

    #[test]
    fn network_and_fuse_filesystems_are_told_apart_from_local_ones() {
        for t in [
            "nfs",
            "nfs4",
            "cifs",
            "smb3",
            "9p",
            "fuse.sshfs",
            "virtiofs",
        ] {
            assert_eq!(kind(t), Kind::Network, "{t}");
        }
        for t in ["fuse", "fuse.gocryptfs"] {
            assert_eq!(kind(t), Kind::Fuse, "{t}");
        }
        for t in [
            "ext4", "xfs", "btrfs", "zfs", "tmpfs", "fuseblk", "overlay", "apfs",
        ] {
            assert_eq!(kind(t), Kind::Local, "{t}");
        }
    }
}
