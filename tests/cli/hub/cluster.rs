//! A throwaway PostgreSQL 15 cluster for the hub's tests: its own
//! directory, port, certificate authority and superuser, stopped and
//! removed when the test ends.
//!
//! The superuser `inc_admin` connects over the cluster's unix socket
//! without a password; every TCP connection (a laptop's) must use TLS and
//! a SCRAM password. When the tests run as root (CI does), the server runs
//! as the `postgres` user through `runuser`, since PostgreSQL refuses to
//! run as root.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The superuser every cluster is made with.
pub const ADMIN: &str = "inc_admin";

/// The one login that proves who it is with a client certificate, not a
/// password (see [`Cluster::client_cert`]).
pub const CERT_USER: &str = "carl";

/// The user the server runs as when the tests run as root.
const SERVER_USER: &str = "postgres";

/// How many times a start is tried when another process took the port.
const PORT_TRIES: usize = 5;

/// A running PostgreSQL cluster in a temporary directory.
pub struct Cluster {
    /// The TCP port it listens on, at 127.0.0.1.
    pub port: u16,
    /// The certificate (PEM) of the authority that signed the server's.
    pub ca: PathBuf,
    /// Another authority's certificate (PEM), which did not sign the
    /// server's: a client that trusts only this one must refuse the server.
    pub other_ca: PathBuf,
    dir: tempfile::TempDir,
    bin: PathBuf,
    psql: PathBuf,
    as_server_user: bool,
    started: bool,
}

impl Cluster {
    /// Makes and starts a cluster, or returns None (after one line on
    /// standard error saying what `skipped` is skipped and why) where
    /// PostgreSQL 15 or openssl is not installed. In CI (`CI=true`) a
    /// missing program fails the test instead.
    pub fn start(skipped: &str) -> Option<Cluster> {
        let tools = match find_tools() {
            Ok(tools) => tools,
            Err(missing) => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "{missing}, and CI must run every test: {skipped}"
                );
                eprintln!("skipped: {skipped}: {missing}");
                return None;
            }
        };
        let dir = tempfile::Builder::new()
            .prefix("inc-pg-")
            .tempdir_in(base_dir(tools.as_server_user))
            .expect("temp dir for a PostgreSQL cluster");
        let tls = dir.path().join("tls");
        std::fs::create_dir(&tls).expect("make the tls dir");
        std::fs::create_dir(dir.path().join("sock")).expect("make the socket dir");
        let mut cluster = Cluster {
            port: 0,
            ca: tls.join("ca.crt"),
            other_ca: tls.join("other-ca.crt"),
            dir,
            bin: tools.bin,
            psql: tools.psql,
            as_server_user: tools.as_server_user,
            started: false,
        };
        cluster.make_certificates(&tools.openssl);
        cluster.init();
        cluster.launch();
        Some(cluster)
    }

    /// A client certificate for [`CERT_USER`], signed by the cluster's
    /// authority, and its key (mode 0600): its certificate file and key
    /// file.
    pub fn client_cert(&self) -> (PathBuf, PathBuf) {
        let openssl = on_path("openssl").expect("openssl, found at start");
        let tls = self.dir.path().join("tls");
        let (key, csr, cert) = ("client.key", "client.csr", "client.crt");
        let subject = format!("/CN={CERT_USER}");
        // A version 3 certificate, as TLS clients want.
        std::fs::write(
            tls.join("client.cnf"),
            "[v3_client]\nbasicConstraints = critical, CA:FALSE\n\
             keyUsage = critical, digitalSignature\n\
             extendedKeyUsage = clientAuth\n",
        )
        .expect("write client.cnf");
        run_openssl(
            &openssl,
            &tls,
            &[
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-subj",
                &subject,
                "-keyout",
                key,
                "-out",
                csr,
            ],
        );
        run_openssl(
            &openssl,
            &tls,
            &[
                "x509",
                "-req",
                "-in",
                csr,
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-set_serial",
                "0x2a",
                "-days",
                "1",
                "-extfile",
                "client.cnf",
                "-extensions",
                "v3_client",
                "-out",
                cert,
            ],
        );
        // rustls reads PKCS#8 keys; openssl writes EC keys so already.
        std::fs::set_permissions(tls.join(key), std::fs::Permissions::from_mode(0o600))
            .expect("chmod client.key");
        (tls.join(cert), tls.join(key))
    }

    /// Runs SQL as the superuser in database `db` over the unix socket and
    /// returns its output (unaligned, tuples only), trimmed; panics with
    /// psql's errors if it fails.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        self.try_psql(db, sql)
            .unwrap_or_else(|e| panic!("psql -d {db} failed: {e}\nSQL: {sql}"))
    }

    /// Like [`Cluster::psql`], with psql's errors (trimmed) on failure.
    pub fn try_psql(&self, db: &str, sql: &str) -> Result<String, String> {
        let mut cmd = Command::new(&self.psql);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At"])
            .arg("-h")
            .arg(self.sock_dir())
            .args(["-p", &self.port.to_string(), "-U", ADMIN, "-d", db])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // More than one statement goes through standard input, where psql
        // runs each on its own (CREATE DATABASE cannot share a
        // transaction, as it would with -c).
        let several = sql.trim().trim_end_matches(';').contains(';');
        let out = if several {
            cmd.args(["-f", "-"]).stdin(Stdio::piped());
            let mut child = cmd.spawn().expect("run psql");
            child
                .stdin
                .take()
                .expect("psql's stdin")
                .write_all(sql.as_bytes())
                .expect("write SQL to psql");
            child.wait_with_output().expect("wait for psql")
        } else {
            cmd.arg("-c").arg(sql).stdin(Stdio::null());
            cmd.output().expect("run psql")
        };
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }

    /// Creates database `name`, owned by the superuser.
    pub fn create_database(&self, name: &str) {
        self.psql("postgres", &format!("CREATE DATABASE {}", ident(name)));
    }

    /// Creates a group role (NOLOGIN) unless one of that name exists.
    pub fn create_group(&self, name: &str) {
        self.psql(
            "postgres",
            &format!(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {}) \
                 THEN CREATE ROLE {} NOLOGIN; END IF; END $$",
                literal(name),
                ident(name)
            ),
        );
    }

    /// Creates a login role with a (SCRAM) password, a member of `groups`,
    /// which must exist.
    pub fn create_login(&self, name: &str, password: &str, groups: &[&str]) {
        let mut sql = format!(
            "CREATE ROLE {} LOGIN PASSWORD {}",
            ident(name),
            literal(password)
        );
        if !groups.is_empty() {
            let groups: Vec<String> = groups.iter().map(|g| ident(g)).collect();
            sql.push_str(" IN ROLE ");
            sql.push_str(&groups.join(", "));
        }
        self.psql("postgres", &sql);
    }

    /// Ends every other session connected to database `db`, as a server
    /// restart or an administrator would.
    pub fn kill_backends(&self, db: &str) {
        self.psql(
            "postgres",
            &format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = {} AND pid <> pg_backend_pid()",
                literal(db)
            ),
        );
    }

    /// A connection URL for `user` to database `db` over TCP, trusting the
    /// cluster's authority.
    pub fn url(&self, user: &str, db: &str) -> String {
        self.url_via(self.port, user, db)
    }

    /// Like [`Cluster::url`] through another port (a test proxy's).
    pub fn url_via(&self, port: u16, user: &str, db: &str) -> String {
        format!(
            "postgres://{user}@127.0.0.1:{port}/{db}?sslrootcert={}",
            self.ca.display()
        )
    }

    /// A `.pgpass` line with `user`'s password for any port at 127.0.0.1,
    /// so that it serves for proxies too.
    pub fn pgpass_line(&self, user: &str, password: &str) -> String {
        format!("127.0.0.1:*:*:{user}:{password}\n")
    }

    /// Runs the psql client as a laptop would, over TCP with `conninfo`
    /// (key=value pairs or a URL) and `password` (if any), and returns
    /// its output or its errors; panics if it runs for over a minute.
    pub fn psql_tcp(
        &self,
        conninfo: &str,
        password: Option<&str>,
        sql: &str,
    ) -> Result<String, String> {
        let mut cmd = Command::new(&self.psql);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .args(["-X", "-q", "-w", "-At", "-c", sql, conninfo])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(password) = password {
            cmd.env("PGPASSWORD", password);
        }
        let mut child = cmd.spawn().expect("run psql");
        // Read both pipes while waiting, so that psql never blocks on a
        // full one.
        let stdout = drain(child.stdout.take().expect("psql's stdout"));
        let stderr = drain(child.stderr.take().expect("psql's stderr"));
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for psql") {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(60) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("psql {conninfo} still ran after a minute");
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        let stdout = stdout.join().expect("psql's stdout");
        let stderr = stderr.join().expect("psql's stderr");
        if status.success() {
            Ok(stdout.trim().to_string())
        } else {
            Err(stderr.trim().to_string())
        }
    }

    /// The directory of the server's unix socket.
    fn sock_dir(&self) -> PathBuf {
        self.dir.path().join("sock")
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.path().join("log")
    }

    /// A command for one of the server's programs, run as the server's
    /// user (through runuser when we are root), in the cluster's directory.
    fn server_cmd(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        let mut cmd = if self.as_server_user {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", SERVER_USER, "--"]).arg(path);
            cmd
        } else {
            Command::new(path)
        };
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        cmd
    }

    /// A CA, a server certificate it signs (for localhost and 127.0.0.1),
    /// and an unrelated CA, all valid for a day.
    fn make_certificates(&self, openssl: &Path) {
        let tls = self.dir.path().join("tls");
        std::fs::write(
            tls.join("server.cnf"),
            "[req]\ndistinguished_name = dn\nprompt = no\n\
             [dn]\nCN = localhost\n\
             [v3_server]\nbasicConstraints = critical, CA:FALSE\n\
             keyUsage = critical, digitalSignature\n\
             extendedKeyUsage = serverAuth\n\
             subjectAltName = DNS:localhost, IP:127.0.0.1\n\
             subjectKeyIdentifier = hash\n\
             authorityKeyIdentifier = keyid\n",
        )
        .expect("write server.cnf");
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
        // Distinct names: a client that trusts the other CA does not even
        // find an issuer for the server's certificate.
        for (name, common_name) in [("ca", "inc test CA"), ("other-ca", "inc other test CA")] {
            let config = format!("{name}.cnf");
            std::fs::write(
                tls.join(&config),
                format!(
                    "[req]\ndistinguished_name = dn\nprompt = no\n\
                     [dn]\nCN = {common_name}\n\
                     [v3_ca]\nbasicConstraints = critical, CA:TRUE\n\
                     keyUsage = critical, keyCertSign, cRLSign\n\
                     subjectKeyIdentifier = hash\n"
                ),
            )
            .expect("write a CA's openssl config");
            let (key, cert) = (format!("{name}.key"), format!("{name}.crt"));
            let req = [
                "req",
                "-x509",
                "-new",
                "-config",
                &config,
                "-extensions",
                "v3_ca",
            ];
            let out = ["-nodes", "-days", "1", "-keyout", &key, "-out", &cert];
            run_openssl(openssl, &tls, &[&req[..], &ec[..], &out[..]].concat());
        }
        run_openssl(
            openssl,
            &tls,
            &[
                &["req", "-new", "-config", "server.cnf"][..],
                &ec[..],
                &["-nodes", "-keyout", "server.key", "-out", "server.csr"],
            ]
            .concat(),
        );
        let serial = format!(
            "0x{:x}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("clock after 1970")
                .as_nanos()
        );
        run_openssl(
            openssl,
            &tls,
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-set_serial",
                &serial,
                "-days",
                "1",
                "-extfile",
                "server.cnf",
                "-extensions",
                "v3_server",
                "-out",
                "server.crt",
            ],
        );
        std::fs::set_permissions(
            tls.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .expect("chmod server.key");
    }

    /// Runs initdb, then writes the cluster's settings and pg_hba.conf.
    fn init(&self) {
        if self.as_server_user {
            // The whole directory (the key included) becomes the server's:
            // root, running the tests and psql, can read it all anyway.
            run(Command::new("chown")
                .args(["-R", SERVER_USER])
                .arg(self.dir.path()));
        }
        run(self
            .server_cmd("initdb")
            .arg("-D")
            .arg(self.data_dir())
            .args(["-U", ADMIN, "-E", "UTF8", "--no-locale"])
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
            .args(["--no-sync", "--no-instructions"]));
        std::fs::write(
            self.data_dir().join("pg_hba.conf"),
            format!(
                "local all all trust\n\
                 hostssl all {CERT_USER} 127.0.0.1/32 cert\n\
                 hostssl all all 127.0.0.1/32 scram-sha-256\n\
                 hostnossl all all 127.0.0.1/32 reject\n"
            ),
        )
        .expect("write pg_hba.conf");
    }

    /// Starts the server on a free port; when another process takes the
    /// port first, tries again on another.
    fn launch(&mut self) {
        let conf_path = self.data_dir().join("postgresql.conf");
        let conf = std::fs::read_to_string(&conf_path).expect("read postgresql.conf");
        let tls = self.dir.path().join("tls");
        for attempt in 1..=PORT_TRIES {
            self.port = free_port();
            let settings = format!(
                "\n# inc's tests\n\
                 listen_addresses = '127.0.0.1'\n\
                 port = {}\n\
                 unix_socket_directories = '{}'\n\
                 ssl = on\n\
                 ssl_cert_file = '{}'\n\
                 ssl_key_file = '{}'\n\
                 ssl_ca_file = '{}'\n\
                 password_encryption = 'scram-sha-256'\n\
                 max_connections = 200\n\
                 fsync = off\n\
                 synchronous_commit = off\n\
                 full_page_writes = off\n",
                self.port,
                self.sock_dir().display(),
                tls.join("server.crt").display(),
                tls.join("server.key").display(),
                tls.join("ca.crt").display(),
            );
            // Writing into the file initdb made keeps its owner and mode.
            std::fs::write(&conf_path, format!("{conf}{settings}")).expect("write postgresql.conf");
            let _ = std::fs::remove_file(self.log_file());
            let out = self
                .server_cmd("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .arg("-l")
                .arg(self.log_file())
                .args(["-w", "-t", "30", "start"])
                .output()
                .expect("run pg_ctl start");
            if out.status.success() {
                self.started = true;
                return;
            }
            let log = std::fs::read_to_string(self.log_file()).unwrap_or_default();
            if log.contains("Address already in use") && attempt < PORT_TRIES {
                continue;
            }
            // The server may still be starting: stop it before the panic
            // leaves it behind.
            self.started = true;
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            panic!(
                "pg_ctl start failed ({:?}): {}\nserver log:\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim(),
                tail.join("\n")
            );
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.started {
            let _ = self
                .server_cmd("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "immediate", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        // The TempDir then removes the directory, ignoring any error.
    }
}

/// Where the programs a cluster needs are.
struct Tools {
    /// The directory of initdb, pg_ctl and postgres.
    bin: PathBuf,
    psql: PathBuf,
    openssl: PathBuf,
    as_server_user: bool,
}

/// The programs a cluster needs, or what is missing.
fn find_tools() -> Result<Tools, String> {
    const SERVER_MISSING: &str = "PostgreSQL 15 server binaries are not installed";
    let bin = server_bin_dir().ok_or(SERVER_MISSING)?;
    let version = Command::new(bin.join("initdb"))
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    // "initdb (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    if !version.contains(") 15.") {
        return Err(SERVER_MISSING.to_string());
    }
    let psql = Some(bin.join("psql"))
        .filter(|p| p.is_file())
        .or_else(|| on_path("psql"))
        .ok_or("psql is not installed")?;
    let openssl = on_path("openssl").ok_or("openssl is not installed")?;
    let as_server_user = is_root();
    if as_server_user {
        on_path("runuser").ok_or("runuser is not installed (needed as root)")?;
        let user = Command::new("id")
            .arg("-u")
            .arg(SERVER_USER)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !user.is_ok_and(|s| s.success()) {
            return Err(format!(
                "there is no `{SERVER_USER}` user to run PostgreSQL as (we are root)"
            ));
        }
    }
    Ok(Tools {
        bin,
        psql,
        openssl,
        as_server_user,
    })
}

/// The directory of the PostgreSQL 15 server programs: Debian's, else
/// pg_config's, else that of initdb and pg_ctl on the PATH.
fn server_bin_dir() -> Option<PathBuf> {
    let has_server = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|p| dir.join(p).is_file())
    };
    let debian = PathBuf::from("/usr/lib/postgresql/15/bin");
    if has_server(&debian) {
        return Some(debian);
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    if let Some(dir) = from_pg_config.filter(|dir| has_server(dir)) {
        return Some(dir);
    }
    // pg_ctl starts the postgres next to it, so both must share a
    // directory: follow links (/usr/local/bin/initdb -> .../15/bin/initdb).
    let initdb = std::fs::canonicalize(on_path("initdb")?).ok()?;
    let dir = initdb.parent()?.to_path_buf();
    has_server(&dir).then_some(dir)
}

/// The first `program` on the PATH.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// Whether the tests run as root, where PostgreSQL will not run.
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Where to make the cluster's directory: the usual temporary directory,
/// unless the server's user could not reach it (as root, with a TMPDIR
/// under a private home) or the socket's path would be too long for a
/// unix socket (about 100 bytes): then /tmp.
fn base_dir(as_server_user: bool) -> PathBuf {
    let tmp = std::env::temp_dir();
    // "/inc-pg-XXXXXX/sock/.s.PGSQL.65535" is 34 bytes.
    let short = tmp.as_os_str().len() + 34 < 100;
    let reachable = !as_server_user
        || tmp
            .ancestors()
            .all(|dir| std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0));
    if short && reachable {
        tmp
    } else {
        PathBuf::from("/tmp")
    }
}

/// A port nothing listens on now, at 127.0.0.1.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind 127.0.0.1:0")
        .port()
}

fn run_openssl(openssl: &Path, dir: &Path, args: &[&str]) {
    run(Command::new(openssl)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null()));
}

/// Runs `cmd`, panicking with its output if it fails.
fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({:?}):\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).trim(),
        String::from_utf8_lossy(&out.stdout).trim()
    );
    out
}

/// Reads `pipe` to its end on a thread of its own.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

/// `name` as a quoted SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as a quoted SQL string literal.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[test]
fn a_cluster_starts_and_refuses_plain_connections() {
    let Some(cluster) = Cluster::start("a cluster starts and refuses plain connections") else {
        return;
    };
    assert_eq!(cluster.psql("postgres", "SELECT 1"), "1");
    assert_eq!(cluster.psql("postgres", "SELECT current_user"), ADMIN);

    cluster.create_group("inc_responders");
    cluster.create_group("inc_responders");
    cluster.create_group("inc_readers");
    cluster.create_login("alice", "s3cret'pw", &["inc_responders", "inc_readers"]);
    cluster.create_login("bob", "other", &[]);
    cluster.create_database("incidents");
    assert_eq!(
        cluster.psql(
            "incidents",
            "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2); SELECT sum(x) FROM t;"
        ),
        "3"
    );
    assert_eq!(
        cluster.psql(
            "postgres",
            "SELECT pg_has_role('alice', 'inc_responders', 'member'), \
             pg_has_role('bob', 'inc_responders', 'member')"
        ),
        "t|f"
    );
    let stored = cluster.psql(
        "postgres",
        "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'alice'",
    );
    assert_eq!(stored, "SCRAM-SHA-256$");
    let err = cluster.try_psql("postgres", "SELECT nonsense").unwrap_err();
    assert!(err.contains("nonsense"), "{err}");

    let port = cluster.port;
    let ca = cluster.ca.display().to_string();
    let other_ca = cluster.other_ca.display().to_string();
    let plain = format!("host=127.0.0.1 port={port} dbname=incidents user=alice sslmode=disable");
    let err = cluster
        .psql_tcp(&plain, Some("s3cret'pw"), "SELECT 1")
        .unwrap_err();
    assert!(err.contains("no encryption"), "{err}");

    let tls = format!(
        "host=127.0.0.1 port={port} dbname=incidents user=alice \
         sslmode=verify-full sslrootcert={ca}"
    );
    let ok = cluster.psql_tcp(
        &tls,
        Some("s3cret'pw"),
        "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    );
    assert_eq!(ok.as_deref(), Ok("alice|t"), "{ok:?}");
    let err = cluster
        .psql_tcp(&tls, Some("wrong"), "SELECT 1")
        .unwrap_err();
    assert!(err.contains("password authentication failed"), "{err}");

    let by_name = format!(
        "host=localhost port={port} dbname=incidents user=alice \
         sslmode=verify-full sslrootcert={ca}"
    );
    let ok = cluster.psql_tcp(&by_name, Some("s3cret'pw"), "SELECT 1");
    assert_eq!(ok.as_deref(), Ok("1"), "{ok:?}");

    let wrong_ca = format!(
        "host=127.0.0.1 port={port} dbname=incidents user=alice \
         sslmode=verify-full sslrootcert={other_ca}"
    );
    let err = cluster
        .psql_tcp(&wrong_ca, Some("s3cret'pw"), "SELECT 1")
        .unwrap_err();
    assert!(err.contains("certificate verify failed"), "{err}");

    let url = format!("{}&sslmode=verify-full", cluster.url("alice", "incidents"));
    let ok = cluster.psql_tcp(&url, Some("s3cret'pw"), "SELECT current_database()");
    assert_eq!(ok.as_deref(), Ok("incidents"), "{ok:?}");

    // A session killed by the administrator ends with an error.
    let killed = std::thread::scope(|scope| {
        let session =
            scope.spawn(|| cluster.psql_tcp(&tls, Some("s3cret'pw"), "SELECT pg_sleep(30)"));
        let waiting = "SELECT count(*) FROM pg_stat_activity \
                       WHERE datname = 'incidents' AND query LIKE '%pg_sleep(30)%' \
                       AND pid <> pg_backend_pid()";
        while cluster.psql("postgres", waiting) != "1" {
            assert!(
                !session.is_finished(),
                "the session ended before it was killed"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        cluster.kill_backends("incidents");
        session.join().expect("psql thread")
    });
    let err = killed.unwrap_err();
    assert!(err.contains("administrator command"), "{err}");
    assert_eq!(
        cluster.pgpass_line("alice", "pw"),
        "127.0.0.1:*:*:alice:pw\n"
    );
}
