//! A TCP proxy between the laptops (`inc` under test) and a test cluster,
//! to make the network between them fail in chosen ways: refuse, hang,
//! reset or slow down. Plain threads, one per direction of a connection.
//!
//! The listening socket is nonblocking and polled every 10 ms, so that
//! [`Proxy::set`] can close it (`Mode::Refuse`) and the drop can stop the
//! accepting thread without waking a blocked `accept`.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often idle threads look at the mode and the stop flag.
const POLL: Duration = Duration::from_millis(10);

/// What the proxy does with connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Forwards bytes both ways.
    Pass,
    /// Refuses new connections at once (nothing listens on the port);
    /// connections already made go on as in `Pass`.
    Refuse,
    /// Accepts connections but forwards and answers nothing, and stops
    /// forwarding on connections already made: clients wait until their
    /// own deadline. What was held back flows again when the mode leaves
    /// `BlackHole` (a partition that heals).
    BlackHole,
    /// Shuts down every connection, and every new one as soon as it is
    /// accepted.
    Reset,
    /// Forwards, waiting this long before each chunk.
    Slow(Duration),
}

/// A proxy listening at 127.0.0.1 and forwarding to a local port.
pub struct Proxy {
    /// The port it listens on, at 127.0.0.1, in every mode (in `Refuse`
    /// the port is released and bound again when the mode changes).
    pub port: u16,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

/// What the proxy's threads share.
struct Shared {
    target: u16,
    mode: Mutex<Mode>,
    /// None while refusing.
    listener: Mutex<Option<TcpListener>>,
    accepted: AtomicUsize,
    stop: AtomicBool,
    /// Both sockets of every open connection, to shut them down.
    open: Mutex<Vec<(usize, TcpStream, TcpStream)>>,
}

impl Proxy {
    /// Starts a proxy, in `Pass` mode, to port `target` at 127.0.0.1.
    pub fn start(target: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        listener
            .set_nonblocking(true)
            .expect("nonblocking proxy listener");
        let port = listener.local_addr().expect("proxy address").port();
        let shared = Arc::new(Shared {
            target,
            mode: Mutex::new(Mode::Pass),
            listener: Mutex::new(Some(listener)),
            accepted: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            open: Mutex::new(Vec::new()),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept_loop(&shared))
        };
        Proxy {
            port,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// Changes the mode; it holds for new connections as soon as this
    /// returns.
    ///
    /// `Refuse` closes the listening socket, so that a connect fails at
    /// once with "connection refused" (std cannot reset an accepted
    /// connection with SO_LINGER 0); leaving `Refuse` binds the same port
    /// again, which another process could have taken meanwhile: then this
    /// panics.
    pub fn set(&self, mode: Mode) {
        let mut current = lock(&self.shared.mode);
        let mut listener = lock(&self.shared.listener);
        if mode == Mode::Refuse {
            *listener = None;
        } else if listener.is_none() {
            *listener = Some(rebind(self.port));
        }
        *current = mode;
        drop(listener);
        drop(current);
        if mode == Mode::Reset {
            for (_, client, server) in lock(&self.shared.open).iter() {
                let _ = client.shutdown(Shutdown::Both);
                let _ = server.shutdown(Shutdown::Both);
            }
        }
    }

    /// How many connections it has accepted so far, in any mode.
    pub fn connections(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        for (_, client, server) in lock(&self.shared.open).iter() {
            let _ = client.shutdown(Shutdown::Both);
            let _ = server.shutdown(Shutdown::Both);
        }
        *lock(&self.shared.listener) = None;
    }
}

impl Shared {
    fn mode(&self) -> Mode {
        *lock(&self.mode)
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Waits while the mode is `BlackHole`; false if the connection must
    /// end instead (`Reset`, or the proxy dropped).
    fn wait_for_flow(&self) -> bool {
        loop {
            if self.stopped() {
                return false;
            }
            match self.mode() {
                Mode::BlackHole => std::thread::sleep(POLL),
                Mode::Reset => return false,
                Mode::Pass | Mode::Refuse | Mode::Slow(_) => return true,
            }
        }
    }

    fn forget(&self, id: usize) {
        lock(&self.open).retain(|(open, _, _)| *open != id);
    }
}

/// Locks a mutex, ignoring poisoning (a panicked test thread).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Binds `port` again after `Refuse`, trying for about two seconds.
fn rebind(port: u16) -> TcpListener {
    let mut tries = 0;
    loop {
        match TcpListener::bind(("127.0.0.1", port)) {
            Ok(listener) => {
                listener
                    .set_nonblocking(true)
                    .expect("nonblocking proxy listener");
                return listener;
            }
            Err(_) if tries < 40 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("the proxy could not bind port {port} again: {e}"),
        }
    }
}

fn accept_loop(shared: &Arc<Shared>) {
    while !shared.stopped() {
        let accepted = match lock(&shared.listener).as_ref() {
            Some(listener) => listener.accept().ok(),
            None => None,
        };
        let Some((client, _)) = accepted else {
            std::thread::sleep(POLL);
            continue;
        };
        let id = shared.accepted.fetch_add(1, Ordering::SeqCst);
        let shared = Arc::clone(shared);
        std::thread::spawn(move || serve(id, client, &shared));
    }
}

/// Carries one connection: waits out a black hole, connects to the target,
/// then forwards each direction on its own thread.
fn serve(id: usize, client: TcpStream, shared: &Arc<Shared>) {
    if client.set_nonblocking(false).is_err() || !shared.wait_for_flow() {
        let _ = client.shutdown(Shutdown::Both);
        return;
    }
    let Ok(server) = TcpStream::connect(("127.0.0.1", shared.target)) else {
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let clones = (client.try_clone(), server.try_clone());
    let (Ok(client_out), Ok(server_in)) = clones else {
        let _ = client.shutdown(Shutdown::Both);
        let _ = server.shutdown(Shutdown::Both);
        return;
    };
    if let (Ok(c), Ok(s)) = (client.try_clone(), server.try_clone()) {
        lock(&shared.open).push((id, c, s));
    }
    // A reset set between the accept and the registration above.
    if shared.mode() == Mode::Reset {
        let _ = client.shutdown(Shutdown::Both);
        let _ = server.shutdown(Shutdown::Both);
    }
    let back = {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || pump(server_in, client_out, &shared))
    };
    pump(client, server, shared);
    let _ = back.join();
    shared.forget(id);
}

/// Copies `from` to `to` chunk by chunk as the mode allows; when either
/// side ends or fails, shuts both down.
fn pump(mut from: TcpStream, mut to: TcpStream, shared: &Shared) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if !shared.wait_for_flow() {
            break;
        }
        if let Mode::Slow(pause) = shared.mode() {
            std::thread::sleep(pause);
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}

#[cfg(test)]
mod tests {
    use super::super::cluster::Cluster;
    use super::{Mode, Proxy};
    use std::os::unix::fs::PermissionsExt;
    use std::time::{Duration, Instant};

    /// How alice reaches database incidents through `port`, with TLS and
    /// a one-second connect timeout.
    fn conninfo(cluster: &Cluster, port: u16) -> String {
        format!(
            "host=127.0.0.1 port={port} dbname=incidents user=alice \
             sslmode=verify-full sslrootcert={} connect_timeout=1",
            cluster.ca.display()
        )
    }

    #[test]
    fn psql_goes_through_a_proxy_that_passes_and_fails_fast_when_it_refuses() {
        let Some(cluster) = Cluster::start("psql through a proxy") else {
            return;
        };
        cluster.create_database("incidents");
        cluster.create_group("inc_responders");
        cluster.create_login("alice", "pw", &["inc_responders"]);
        let proxy = Proxy::start(cluster.port);
        let via = conninfo(&cluster, proxy.port);

        let ok = cluster.psql_tcp(&via, Some("pw"), "SELECT current_user");
        assert_eq!(ok.as_deref(), Ok("alice"), "{ok:?}");
        assert_eq!(proxy.connections(), 1);

        // The URL and .pgpass forms, through the proxy's port.
        let pgpass_dir = tempfile::tempdir().expect("temp dir");
        let pgpass = pgpass_dir.path().join("pgpass");
        std::fs::write(&pgpass, cluster.pgpass_line("alice", "pw")).expect("write pgpass");
        // libpq ignores a password file others can read.
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600))
            .expect("chmod pgpass");
        let url = format!(
            "{}&sslmode=verify-full&passfile={}",
            cluster.url_via(proxy.port, "alice", "incidents"),
            pgpass.display()
        );
        let ok = cluster.psql_tcp(&url, None, "SELECT 2");
        assert_eq!(ok.as_deref(), Ok("2"), "{ok:?}");

        proxy.set(Mode::Refuse);
        let before = proxy.connections();
        let started = Instant::now();
        let err = cluster.psql_tcp(&via, Some("pw"), "SELECT 1").unwrap_err();
        assert!(
            started.elapsed() < Duration::from_millis(900),
            "{:?}",
            started.elapsed()
        );
        assert!(err.contains("Connection refused"), "{err}");
        assert_eq!(proxy.connections(), before);

        proxy.set(Mode::Pass);
        let ok = cluster.psql_tcp(&via, Some("pw"), "SELECT 1");
        assert_eq!(ok.as_deref(), Ok("1"), "{ok:?}");
        assert_eq!(proxy.connections(), before + 1);

        proxy.set(Mode::Slow(Duration::from_millis(50)));
        let started = Instant::now();
        let ok = cluster.psql_tcp(&via, Some("pw"), "SELECT 3");
        assert_eq!(ok.as_deref(), Ok("3"), "{ok:?}");
        assert!(
            started.elapsed() >= Duration::from_millis(200),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_black_hole_makes_psql_wait_for_its_timeout_and_a_reset_ends_a_query() {
        let Some(cluster) = Cluster::start("a black hole and a reset in a proxy") else {
            return;
        };
        cluster.create_database("incidents");
        cluster.create_login("alice", "pw", &[]);
        let proxy = Proxy::start(cluster.port);
        let via = conninfo(&cluster, proxy.port);

        proxy.set(Mode::BlackHole);
        let started = Instant::now();
        let err = cluster.psql_tcp(&via, Some("pw"), "SELECT 1").unwrap_err();
        let waited = started.elapsed();
        // libpq takes a connect_timeout under 2 s as 2 s.
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_secs(10),
            "{waited:?}: {err}"
        );
        assert!(err.contains("timeout"), "{err}");
        assert_eq!(proxy.connections(), 1);

        // A query in flight when the proxy resets ends at once.
        proxy.set(Mode::Pass);
        let (took, result) = std::thread::scope(|scope| {
            let long = scope.spawn(|| {
                let started = Instant::now();
                let result = cluster.psql_tcp(&via, Some("pw"), "SELECT pg_sleep(30)");
                (started.elapsed(), result)
            });
            let running = "SELECT count(*) FROM pg_stat_activity \
                           WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()";
            while cluster.psql("postgres", running) != "1" {
                assert!(!long.is_finished(), "the query ended before the reset");
                std::thread::sleep(Duration::from_millis(20));
            }
            proxy.set(Mode::Reset);
            long.join().expect("psql thread")
        });
        let err = result.unwrap_err();
        assert!(took < Duration::from_secs(10), "{took:?}: {err}");
        assert!(err.contains("connection to server was lost"), "{err}");
        let err = cluster.psql_tcp(&via, Some("pw"), "SELECT 1").unwrap_err();
        assert!(err.contains("closed the connection"), "{err}");

        proxy.set(Mode::Pass);
        let ok = cluster.psql_tcp(&via, Some("pw"), "SELECT 1");
        assert_eq!(ok.as_deref(), Ok("1"), "{ok:?}");
    }
}
