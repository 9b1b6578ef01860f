//! Where the hub is and how a laptop proves who it is: the hub's URL
//! (`postgres://USER@HOST:PORT/DB?sslrootcert=...`), the password from
//! `~/.pgpass`, or a client certificate. The URL never holds a password
//! (one there is refused, before anything is stored or printed), and the
//! password file is refused when others may read it. Nothing here keeps
//! a credential beyond the connection it is read for.
//!
//! tokio-postgres reads neither `~/.pgpass` nor libpq's `verify-full`, so
//! the small part of libpq's rules that inc needs is written here.

use std::path::{Path, PathBuf};

use crate::error::UserError;

/// The default PostgreSQL port.
const DEFAULT_PORT: u16 = 5432;

/// A hub's address as a laptop stores it: no credential in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubUrl {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub dbname: String,
    pub tls: Tls,
    /// The certificate authority that signed the server's certificate
    /// (`sslrootcert`), else the public ones.
    pub root_cert: Option<PathBuf>,
    /// A client certificate and its key (`sslcert`, `sslkey`), instead of
    /// a password.
    pub client_cert: Option<(PathBuf, PathBuf)>,
}

/// Whether the connection is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// TLS, with the server's certificate checked against the root
    /// certificates and its name against the host (libpq's `verify-full`).
    Verified,
    /// No TLS (`sslmode=disable`): only to a hub on this machine.
    Off,
}

impl HubUrl {
    /// Reads a hub URL, refusing what would leak or weaken a credential.
    pub fn parse(text: &str) -> Result<HubUrl, UserError> {
        let hint =
            "write it as postgres://USER@HOST[:PORT]/DATABASE; the password goes in ~/.pgpass";
        let rest = text
            .strip_prefix("postgres://")
            .or_else(|| text.strip_prefix("postgresql://"))
            .ok_or_else(|| UserError::new("a hub URL starts with postgres://").hint(hint))?;
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, dbname) = rest.split_once('/').unwrap_or((rest, ""));
        let Some((userinfo, hostport)) = authority.rsplit_once('@') else {
            return Err(UserError::new("the hub URL names no database user").hint(hint));
        };
        if userinfo.contains(':') {
            return Err(UserError::new(
                "the hub URL holds a password, which inc never stores or sends from a URL",
            )
            .hint(
                "remove it from the URL and put it in ~/.pgpass (mode 0600), or use a client certificate",
            ));
        }
        let user = decode(userinfo)?;
        let (host, port) = split_port(hostport)?;
        let dbname = decode(dbname)?;
        if user.is_empty() || host.is_empty() || dbname.is_empty() {
            return Err(
                UserError::new("the hub URL needs a user, a host and a database").hint(hint),
            );
        }
        let mut url = HubUrl {
            host,
            port,
            user,
            dbname,
            tls: Tls::Verified,
            root_cert: None,
            client_cert: None,
        };
        let (mut cert, mut key) = (None, None);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value)?;
            match name {
                "sslmode" => url.tls = tls_mode(&value, &url.host)?,
                "sslrootcert" => url.root_cert = Some(PathBuf::from(value)),
                "sslcert" => cert = Some(PathBuf::from(value)),
                "sslkey" => key = Some(PathBuf::from(value)),
                "password" => {
                    return Err(UserError::new(
                        "the hub URL holds a password, which inc never stores or sends from a URL",
                    )
                    .hint("remove it and put it in ~/.pgpass (mode 0600)"));
                }
                other => {
                    return Err(UserError::new(format!(
                        "the hub URL has a setting inc does not know: {other}"
                    ))
                    .hint("inc knows sslmode, sslrootcert, sslcert and sslkey"));
                }
            }
        }
        url.client_cert = match (cert, key) {
            (Some(c), Some(k)) => Some((c, k)),
            (None, None) => None,
            _ => {
                return Err(UserError::new(
                    "the hub URL names a client certificate without its key, or a key without its certificate",
                )
                .hint("give both sslcert and sslkey"));
            }
        };
        Ok(url)
    }

    /// Whether the hub is on this machine.
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.host)
    }

    /// The URL as stored and shown: the same text for the same address.
    pub fn to_text(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let mut text = format!(
            "postgres://{}@{host}:{}/{}",
            encode(&self.user),
            self.port,
            encode(&self.dbname)
        );
        let mut query = Vec::new();
        if self.tls == Tls::Off {
            query.push("sslmode=disable".to_string());
        }
        if let Some(root) = &self.root_cert {
            query.push(format!(
                "sslrootcert={}",
                encode(&root.display().to_string())
            ));
        }
        if let Some((cert, key)) = &self.client_cert {
            query.push(format!("sslcert={}", encode(&cert.display().to_string())));
            query.push(format!("sslkey={}", encode(&key.display().to_string())));
        }
        if !query.is_empty() {
            text.push('?');
            text.push_str(&query.join("&"));
        }
        text
    }
}

fn split_port(hostport: &str) -> Result<(String, u16), UserError> {
    let bad_port = |p: &str| {
        UserError::new(format!("the hub URL's port {p:?} is not a port number"))
            .hint("a port is a number from 1 to 65535, such as 5432")
    };
    if let Some(rest) = hostport.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| UserError::new("the hub URL's host has an unclosed ["))?;
        let port = match after.strip_prefix(':') {
            Some(p) => p
                .parse()
                .ok()
                .filter(|&p| p > 0)
                .ok_or_else(|| bad_port(p))?,
            None => DEFAULT_PORT,
        };
        return Ok((host.to_string(), port));
    }
    match hostport.rsplit_once(':') {
        Some((host, p)) => {
            let port = p
                .parse()
                .ok()
                .filter(|&p| p > 0)
                .ok_or_else(|| bad_port(p))?;
            Ok((decode(host)?, port))
        }
        None => Ok((decode(hostport)?, DEFAULT_PORT)),
    }
}

fn tls_mode(value: &str, host: &str) -> Result<Tls, UserError> {
    match value {
        "verify-full" => Ok(Tls::Verified),
        "disable" if is_loopback(host) => Ok(Tls::Off),
        "disable" => Err(UserError::new(
            "sslmode=disable is only for a hub on this machine: over a network the password would travel in the clear",
        )
        .hint("leave sslmode out: inc always verifies the hub's certificate")),
        other => Err(UserError::new(format!(
            "sslmode={other} does not verify who the hub is; inc uses verify-full"
        ))
        .hint("leave sslmode out, and give the hub's certificate authority as sslrootcert=PATH")),
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Percent-decodes one part of the URL.
fn decode(text: &str) -> Result<String, UserError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| {
                    UserError::new("the hub URL has a % that is not followed by two hex digits")
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| UserError::new("the hub URL is not UTF-8 once decoded"))
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a laptop's credential for the hub comes from, for `inc doctor`
/// and `inc team status`: never the credential itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A line of the password file.
    PasswordFile(PathBuf),
    /// A client certificate.
    Certificate(PathBuf),
    /// Nothing: the server must trust the connection as it is.
    Nothing,
}

impl std::fmt::Display for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::PasswordFile(p) => write!(f, "a password from {}", p.display()),
            Credential::Certificate(p) => write!(f, "the client certificate {}", p.display()),
            Credential::Nothing => f.write_str("no password or certificate"),
        }
    }
}

/// Where the credential for `url` comes from: its client certificate, a
/// line of the password file, or nothing. A password file others may read
/// is an error.
pub fn credential_for(url: &HubUrl) -> Result<Credential, UserError> {
    if let Some((cert, _)) = &url.client_cert {
        return Ok(Credential::Certificate(cert.clone()));
    }
    Ok(match password_for(url)? {
        Some((_, file)) => Credential::PasswordFile(file),
        None => Credential::Nothing,
    })
}

/// The password file libpq reads: `PGPASSFILE`, else `~/.pgpass`.
pub fn password_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PGPASSFILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|home| Path::new(&home).join(".pgpass"))
}

/// The password for `url` from the password file, if a line matches, and
/// the file it came from. A file that group or others may read is
/// refused, as libpq ignores one: a password there is not a secret.
pub fn password_for(url: &HubUrl) -> Result<Option<(String, PathBuf)>, UserError> {
    let Some(path) = password_file() else {
        return Ok(None);
    };
    let bytes = match crate::files::read_plain(&path, 1 << 20, crate::files::Links::Follow) {
        Ok(bytes) => bytes,
        Err(crate::files::Unread::Missing) => return Ok(None),
        Err(e) => {
            let why = match e {
                crate::files::Unread::Kind(kind) => format!("it is {kind}"),
                crate::files::Unread::TooLarge => "it is larger than 1 MiB".into(),
                crate::files::Unread::Io(e) => e.to_string(),
                crate::files::Unread::Missing => unreachable!("handled above"),
            };
            return Err(UserError::new(format!(
                "cannot read the password file {}: {why}",
                path.display()
            )));
        }
    };
    check_mode(&path, "the password file")?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(match_line(&text, url).map(|p| (p, path)))
}

/// Refuses a secret (`what`: the password file, a client key) that group
/// or others may read or write.
pub fn check_mode(path: &Path, what: &str) -> Result<(), UserError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_or(0, |m| m.permissions().mode());
    if mode & 0o077 != 0 {
        return Err(UserError::new(format!(
            "{what} {} may be read by others (mode {:04o}), so inc will not use it",
            path.display(),
            mode & 0o7777
        ))
        .hint(format!("chmod 600 {}", path.display())));
    }
    Ok(())
}

/// The password of the first line that matches the URL
/// (`host:port:database:user:password`, `*` matching anything, `\`
/// escaping `:` and `\`).
fn match_line(text: &str, url: &HubUrl) -> Option<String> {
    let port = url.port.to_string();
    let wanted = [
        url.host.as_str(),
        port.as_str(),
        url.dbname.as_str(),
        url.user.as_str(),
    ];
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_fields(line);
            if fields.len() < 5 {
                return None;
            }
            let matches = wanted
                .iter()
                .zip(&fields)
                .all(|(want, field)| field == "*" || field == want);
            matches.then(|| fields[4..].join(":"))
        })
}

fn split_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_reads_back_as_written() {
        let url =
            HubUrl::parse("postgres://alice@db.example.com/incidents?sslrootcert=/etc/ca.pem")
                .unwrap();
        assert_eq!(url.host, "db.example.com");
        assert_eq!(url.port, 5432);
        assert_eq!(url.user, "alice");
        assert_eq!(url.dbname, "incidents");
        assert_eq!(url.tls, Tls::Verified);
        assert_eq!(
            url.to_text(),
            "postgres://alice@db.example.com:5432/incidents?sslrootcert=/etc/ca.pem"
        );
        assert_eq!(HubUrl::parse(&url.to_text()).unwrap(), url);
        let v6 = HubUrl::parse("postgres://bob@[::1]:6543/hub?sslmode=disable").unwrap();
        assert_eq!((v6.host.as_str(), v6.port, v6.tls), ("::1", 6543, Tls::Off));
        assert_eq!(HubUrl::parse(&v6.to_text()).unwrap(), v6);
    }

    #[test]
    fn a_password_in_a_url_is_refused_without_being_repeated() {
        for url in [
            "postgres://alice:hunter2@db/incidents",
            "postgres://alice@db/incidents?password=hunter2",
        ] {
            let err = HubUrl::parse(url).unwrap_err();
            assert!(err.to_string().contains("holds a password"), "{err}");
            assert!(!err.to_string().contains("hunter2"));
            assert!(!err.hint_text().unwrap_or("").contains("hunter2"));
        }
    }

    #[test]
    fn tls_that_does_not_verify_is_refused_except_on_this_machine() {
        assert!(HubUrl::parse("postgres://a@db/x?sslmode=disable").is_err());
        assert!(HubUrl::parse("postgres://a@db/x?sslmode=require").is_err());
        assert!(HubUrl::parse("postgres://a@127.0.0.1/x?sslmode=disable").is_ok());
        assert!(HubUrl::parse("postgres://a@db/x?sslmode=verify-full").is_ok());
        assert!(HubUrl::parse("mysql://a@db/x").is_err());
        assert!(HubUrl::parse("postgres://db/x").is_err());
        assert!(HubUrl::parse("postgres://a@db:99999/x").is_err());
        assert!(HubUrl::parse("postgres://a@db/x?sslcert=/c").is_err());
    }

    #[test]
    fn the_password_file_matches_like_libpq() {
        let url = HubUrl::parse("postgres://alice@db:5433/hub").unwrap();
        let text = "# comment\ndb:5432:hub:alice:wrong-port\n*:5433:hub:bob:other\n\
                    db:*:hub:alice:pa\\:ss\\\\word\n*:*:*:*:last";
        assert_eq!(match_line(text, &url).as_deref(), Some("pa:ss\\word"));
        assert_eq!(match_line("*:*:*:*:any", &url).as_deref(), Some("any"));
        assert_eq!(match_line("db:5433:hub:carol:x", &url), None);
    }
}
