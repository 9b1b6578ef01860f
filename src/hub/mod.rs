//! The team hub: a PostgreSQL database that holds the log of every
//! record change of the team's incidents. This module is the laptop's
//! side of the wire: connect (TLS verified, credentials from the password
//! file or a client certificate), push changes, read heads and pages of
//! the log, listen for news. Every call runs under one deadline, on a
//! runtime built only when a command talks to the hub, so that commands
//! that do not pay nothing for it.
//!
//! What the hub guarantees is in [`schema`]; how a laptop's changes get
//! here and back is in `crate::sync`.

pub mod address;
pub mod schema;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use tokio_postgres::Client;

use address::{Credential, HubUrl, Tls};

use crate::error::UserError;
use crate::model::sync::{Change, Head, Pulled, Pushed};

/// Why a call to the hub did not get through.
#[derive(Debug)]
pub enum HubError {
    /// No answer in time, or no connection: the change waits.
    Unreachable(String),
    /// The hub answered no: a password, a right, a certificate.
    Refused(String),
    /// The laptop's own settings are wrong (a password file others can
    /// read, a certificate that is missing).
    Settings(UserError),
}

impl std::fmt::Display for HubError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HubError::Unreachable(why) | HubError::Refused(why) => f.write_str(why),
            HubError::Settings(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for HubError {}

impl HubError {
    /// The error as a user error with a hint, for commands whose whole
    /// job was to reach the hub.
    pub fn into_user(self, url: &HubUrl) -> UserError {
        match self {
            HubError::Settings(e) => e,
            HubError::Unreachable(why) => UserError::new(format!(
                "cannot reach the hub at {}:{}: {why}",
                url.host, url.port
            ))
            .hint("changes stay queued on this laptop; `inc sync` tries again"),
            HubError::Refused(why) => UserError::new(format!("the hub refused: {why}")).hint(
                "check the user in the URL, its password in ~/.pgpass (mode 0600), and the hub's certificate authority (sslrootcert)",
            ),
        }
    }
}

/// A connection to the hub, with the time by which everything must be
/// done.
pub struct Hub {
    runtime: Runtime,
    client: Client,
    deadline: Instant,
    /// Where the credential came from, for `inc team status`.
    pub credential: Credential,
    signals: Signals,
}

/// What the task that drives the connection saw: a notification (whose
/// payload is empty by design), or the connection's end.
#[derive(Clone, Default)]
struct Signals {
    news: Arc<AtomicBool>,
    closed: Arc<AtomicBool>,
}

/// Drives a connection: carries the client's requests, and notes the
/// notifications and the end of the connection.
async fn drive<S, T>(mut conn: tokio_postgres::Connection<S, T>, signals: Signals)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    while let Some(message) = std::future::poll_fn(|cx| conn.poll_message(cx)).await {
        match message {
            Ok(tokio_postgres::AsyncMessage::Notification(_)) => {
                signals.news.store(true, Ordering::SeqCst);
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    signals.closed.store(true, Ordering::SeqCst);
}

impl Hub {
    /// Connects within `within` (DNS, TCP, TLS and authentication).
    pub fn connect(url: &HubUrl, within: Duration) -> Result<Hub, HubError> {
        let deadline = Instant::now() + within;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| HubError::Unreachable(e.to_string()))?;
        let (config, credential) = config(url, within)?;
        let signals = Signals::default();
        let client = runtime.block_on(async {
            let connected = match url.tls {
                Tls::Off => {
                    let (client, conn) =
                        within_deadline(deadline, config.connect(tokio_postgres::NoTls)).await?;
                    tokio::spawn(drive(conn, signals.clone()));
                    client
                }
                Tls::Verified => {
                    let tls = tls_connector(url)?;
                    let (client, conn) = within_deadline(deadline, config.connect(tls)).await?;
                    tokio::spawn(drive(conn, signals.clone()));
                    client
                }
            };
            Ok::<_, HubError>(connected)
        })?;
        Ok(Hub {
            runtime,
            client,
            deadline,
            credential,
            signals,
        })
    }

    /// Asks the hub to say when any change is pushed (`inc timeline
    /// --follow`): see [`Hub::wait_for_news`].
    pub fn listen(&mut self) -> Result<(), HubError> {
        self.run(async |c| {
            c.batch_execute(&format!("LISTEN {}", schema::CHANNEL))
                .await
        })
    }

    /// Waits up to `within` for the hub to say something was pushed.
    /// Returns whether it did; an error when the connection is gone.
    pub fn wait_for_news(&mut self, within: Duration) -> Result<bool, HubError> {
        let until = Instant::now() + within;
        let signals = self.signals.clone();
        self.runtime.block_on(async {
            loop {
                if signals.news.swap(false, Ordering::SeqCst) {
                    return Ok(true);
                }
                if signals.closed.load(Ordering::SeqCst) {
                    return Err(HubError::Unreachable(
                        "the connection to the hub closed".into(),
                    ));
                }
                if Instant::now() >= until {
                    return Ok(false);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    }

    /// Gives the calls from now on `within` more time.
    pub fn extend(&mut self, within: Duration) {
        self.deadline = Instant::now() + within;
    }

    fn run<T>(
        &mut self,
        f: impl AsyncFnOnce(&Client) -> Result<T, tokio_postgres::Error>,
    ) -> Result<T, HubError> {
        let deadline = self.deadline;
        let client = &self.client;
        self.runtime
            .block_on(async { within_deadline(deadline, f(client)).await })
    }

    /// The hub's id and schema version, and its clock.
    pub fn info(&mut self) -> Result<HubInfo, HubError> {
        let installed = self.run(async |c| {
            c.query_one("SELECT to_regclass('inc.meta') IS NOT NULL", &[])
                .await
        })?;
        if !installed.get::<_, bool>(0) {
            return Ok(HubInfo::default());
        }
        let found = self.run(async |c| {
            c.query_opt(
                "SELECT (SELECT value FROM inc.meta WHERE key = 'hub_id'), \
                        (SELECT value FROM inc.meta WHERE key = 'version'), \
                        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), \
                        pg_has_role(session_user, 'inc_responders', 'MEMBER'), \
                        session_user::text",
                &[],
            )
            .await
        });
        let row = match found {
            Ok(row) => row,
            // No rights on the schema: not a member of any inc group.
            Err(HubError::Refused(why)) if why.contains("permission denied") => {
                return Err(HubError::Refused(format!(
                    "{why}; ask the hub's administrator to add this user to inc_responders or inc_observers"
                )));
            }
            Err(e) => return Err(e),
        };
        let Some(row) = row else {
            return Ok(HubInfo::default());
        };
        Ok(HubInfo {
            installed: true,
            hub_id: row.get(0),
            version: row
                .get::<_, Option<String>>(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            now: row.get(2),
            writer: row.get(3),
            user: row.get(4),
        })
    }

    /// Runs an administrator's SQL (the hub's schema), all of it or none.
    pub fn execute(&mut self, sql: &str) -> Result<(), HubError> {
        self.run(async |c| c.batch_execute(sql).await)
    }

    /// Adds changes to the log, in one call: a change already there (by
    /// its id) keeps its place. Returns each change's place.
    pub fn push(&mut self, changes: &[Change], hub_id: &str) -> Result<Vec<Pushed>, HubError> {
        let json = serde_json::Value::Array(
            changes
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id,
                        "incident": c.incident,
                        "kind": c.kind,
                        "format": c.format,
                        "security": c.security,
                        "record": c.record,
                    })
                })
                .collect(),
        );
        let rows = self.run(async |c| {
            c.query(
                "SELECT change_id::text, number, seq, refused FROM inc.push($1::text::jsonb, $2)",
                &[&json.to_string(), &hub_id],
            )
            .await
        })?;
        Ok(rows
            .iter()
            .map(|r| Pushed {
                id: r.get(0),
                number: r.get(1),
                seq: r.get(2),
                refused: r.get(3),
            })
            .collect())
    }

    /// Every incident this user may see, with its number and the place of
    /// its latest change.
    /// Refused when the hub is not the one with id `hub_id` (another one
    /// at the same address).
    pub fn heads(&mut self, hub_id: &str) -> Result<Vec<Head>, HubError> {
        let rows = self.run(async |c| {
            c.query(
                "SELECT uuid::text, number, head, security, \
                        (SELECT m.value FROM inc.meta m WHERE m.key = 'hub_id') \
                 FROM inc.incidents ORDER BY number",
                &[],
            )
            .await
        })?;
        if rows
            .first()
            .is_some_and(|r| r.get::<_, Option<String>>(4).as_deref() != Some(hub_id))
        {
            return Err(HubError::Settings(another_hub()));
        }
        Ok(rows
            .iter()
            .map(|r| Head {
                incident: r.get(0),
                number: r.get(1),
                head: r.get(2),
                security: r.get(3),
            })
            .collect())
    }

    /// Up to `limit` changes of an incident after place `after`, in order.
    pub fn page(
        &mut self,
        incident: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Pulled>, HubError> {
        let rows = self.run(async |c| {
            c.query(
                "SELECT seq, kind, format, record, pushed_by::text FROM inc.changes \
                 WHERE incident = $1::text::uuid AND seq > $2 ORDER BY seq LIMIT $3",
                &[&incident, &after, &limit],
            )
            .await
        })?;
        Ok(rows
            .iter()
            .map(|r| Pulled {
                seq: r.get(0),
                kind: r.get(1),
                format: r.get(2),
                record: r.get(3),
                pushed_by: r.get(4),
            })
            .collect())
    }

    /// Lets `grantee` see the restricted incident with team number `number`.
    pub fn grant(&mut self, number: i64, grantee: &str) -> Result<(), HubError> {
        self.run(async |c| {
            c.execute(
                "SELECT inc.grant_access($1, $2::text::name)",
                &[&number, &grantee],
            )
            .await
        })?;
        Ok(())
    }
}

/// What a hub says of itself.
#[derive(Debug, Clone, Default)]
pub struct HubInfo {
    /// The schema is there.
    pub installed: bool,
    pub hub_id: Option<String>,
    pub version: i64,
    /// The hub's clock, as stored times are written.
    pub now: Option<String>,
    /// The user may push.
    pub writer: bool,
    /// The database user the hub knows this laptop as.
    pub user: Option<String>,
}

/// A future cut short at the deadline.
async fn within_deadline<T>(
    deadline: Instant,
    f: impl Future<Output = Result<T, tokio_postgres::Error>>,
) -> Result<T, HubError> {
    let left = deadline.saturating_duration_since(Instant::now());
    match tokio::time::timeout(left, f).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(classify(&e)),
        Err(_) => Err(HubError::Unreachable("no answer in time".into())),
    }
}

/// The error of a hub that is not the one this laptop joined (another at
/// the same address): nothing goes to it or comes from it.
pub fn another_hub() -> UserError {
    UserError::new("the hub at this address is not the one this laptop joined").hint(
        "`inc team leave --force`, then `inc team join URL`: joining queues every record anew, so nothing is lost",
    )
}

/// Sorts a PostgreSQL error: the hub said no, or the way there failed.
fn classify(e: &tokio_postgres::Error) -> HubError {
    if let Some(db) = e.as_db_error() {
        if db.code().code() == "IHUB1" {
            return HubError::Settings(another_hub());
        }
        let mut text = db.message().to_string();
        if let Some(hint) = db.hint() {
            text.push_str(&format!(" ({hint})"));
        }
        return HubError::Refused(text);
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    if text.contains("certificate") || text.contains("password") || text.contains("SCRAM") {
        HubError::Refused(text)
    } else {
        HubError::Unreachable(text)
    }
}

/// The connection settings for `url`, with the password from the
/// password file when one matches.
fn config(
    url: &HubUrl,
    within: Duration,
) -> Result<(tokio_postgres::Config, Credential), HubError> {
    let mut config = tokio_postgres::Config::new();
    config
        .host(&url.host)
        .port(url.port)
        .user(&url.user)
        .dbname(&url.dbname)
        .application_name("inc")
        .connect_timeout(within)
        .ssl_mode(match url.tls {
            Tls::Verified => tokio_postgres::config::SslMode::Require,
            Tls::Off => tokio_postgres::config::SslMode::Disable,
        });
    let credential = if let Some((cert, _)) = &url.client_cert {
        Credential::Certificate(cert.clone())
    } else {
        match address::password_for(url).map_err(HubError::Settings)? {
            Some((password, file)) => {
                config.password(password);
                Credential::PasswordFile(file)
            }
            None => Credential::Nothing,
        }
    };
    Ok((config, credential))
}

/// TLS that checks the hub's certificate chain and its name.
fn tls_connector(url: &HubUrl) -> Result<tokio_postgres_rustls::MakeRustlsConnect, HubError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let settings =
        |message: String, hint: &str| HubError::Settings(UserError::new(message).hint(hint));
    let mut roots = rustls::RootCertStore::empty();
    match &url.root_cert {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path)
                .and_then(Iterator::collect::<Result<Vec<_>, _>>)
                .map_err(|e| {
                    settings(
                        format!(
                            "cannot read the certificate authority {}: {e}",
                            path.display()
                        ),
                        "sslrootcert names the PEM file of the hub's certificate authority",
                    )
                })?;
            for cert in certs {
                roots.add(cert).map_err(|e| {
                    settings(
                        format!("{} holds a certificate inc cannot use: {e}", path.display()),
                        "sslrootcert names the PEM file of the hub's certificate authority",
                    )
                })?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    // ring, as ureq already uses: the other provider builds a C library.
    // Deprecated only for lacking post-quantum key exchange.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| HubError::Unreachable(e.to_string()))?
        .with_root_certificates(roots);
    let config = match &url.client_cert {
        Some((cert, key)) => {
            let chain = CertificateDer::pem_file_iter(cert)
                .and_then(Iterator::collect::<Result<Vec<_>, _>>)
                .map_err(|e| {
                    settings(
                        format!("cannot read the client certificate {}: {e}", cert.display()),
                        "sslcert names a PEM certificate",
                    )
                })?;
            address::check_mode(key, "the client key").map_err(HubError::Settings)?;
            let key = PrivateKeyDer::from_pem_file(key).map_err(|e| {
                settings(
                    format!("cannot read the client key {}: {e}", key.display()),
                    "sslkey names a PEM private key",
                )
            })?;
            builder.with_client_auth_cert(chain, key).map_err(|e| {
                settings(
                    format!("the client certificate and key do not go together: {e}"),
                    "check sslcert and sslkey",
                )
            })?
        }
        None => builder.with_no_client_auth(),
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}
