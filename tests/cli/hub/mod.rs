//! A team hub for the tests: a throwaway PostgreSQL cluster with the hub
//! installed by its owner (not a superuser) through `inc hub init`, login
//! roles for the team, and laptops: each an [`Env`] of its own, with a
//! password file, acting as one responder.

pub mod cluster;
pub mod proxy;

use std::os::unix::fs::PermissionsExt;
use std::process::Output;

use crate::env::Env;
use cluster::Cluster;

/// The hub's database.
pub const DB: &str = "hub";

/// Who is on the team, and in which groups.
const PEOPLE: &[(&str, &[&str])] = &[
    ("alice", &["inc_responders"]),
    ("bob", &["inc_responders"]),
    ("carol", &["inc_responders"]),
    ("olga", &["inc_observers"]),
    ("sam", &["inc_responders", "inc_security"]),
];

pub struct Hub {
    pub cluster: Cluster,
}

impl Hub {
    /// A cluster with the hub installed and the team's logins, or None
    /// (with one line saying why) where PostgreSQL is not installed.
    pub fn start(skipped: &str) -> Option<Hub> {
        let cluster = Cluster::start(skipped)?;
        cluster.psql(
            "postgres",
            "CREATE ROLE hub_owner LOGIN CREATEROLE PASSWORD 'pw-hub_owner'",
        );
        cluster.psql("postgres", &format!("CREATE DATABASE {DB} OWNER hub_owner"));
        let hub = Hub { cluster };
        let owner = hub.laptop("hub_owner");
        owner.ok(&["hub", "init", &hub.url("hub_owner")]);
        for (name, groups) in PEOPLE {
            hub.cluster
                .create_login(name, &format!("pw-{name}"), groups);
        }
        Some(hub)
    }

    /// The URL `user` joins with.
    pub fn url(&self, user: &str) -> String {
        self.cluster.url(user, DB)
    }

    /// A laptop of `user`, with their password in `~/.pgpass` (0600).
    pub fn laptop(&self, user: &str) -> Laptop {
        let env = Env::new();
        let pgpass = env.dir().join(".pgpass");
        std::fs::write(
            &pgpass,
            self.cluster.pgpass_line(user, &format!("pw-{user}")),
        )
        .expect("write .pgpass");
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600))
            .expect("chmod .pgpass");
        Laptop {
            env,
            user: user.to_string(),
        }
    }

    /// A laptop of `user` that has joined the hub (through `port`, a
    /// proxy's, when given).
    pub fn joined(&self, user: &str, port: Option<u16>) -> Laptop {
        let laptop = self.laptop(user);
        let url = match port {
            Some(port) => self.cluster.url_via(port, user, DB),
            None => self.url(user),
        };
        laptop.ok(&["team", "join", &url]);
        laptop
    }

    /// What the hub holds, as the superuser sees it.
    pub fn sql(&self, query: &str) -> String {
        self.cluster.psql(DB, query)
    }
}

/// One responder's laptop.
pub struct Laptop {
    pub env: Env,
    pub user: String,
}

impl Laptop {
    /// `inc` as this laptop's user.
    pub fn cmd(&self) -> std::process::Command {
        let mut cmd = self.env.std_cmd();
        cmd.env("INC_USER", &self.user);
        cmd
    }

    /// Runs `inc ARGS`; whatever happens.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd()
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run inc")
    }

    /// Runs `inc ARGS`, expects success, returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{}: inc {args:?} failed:\n{}{}",
            self.user,
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs `inc ARGS`, expects failure, returns standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "{}: inc {args:?} should have failed:\n{}",
            self.user,
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8")
    }

    /// The bodies of the notes of an incident's timeline.
    pub fn notes(&self, incident: &str) -> Vec<String> {
        let out = self.ok(&["timeline", "-i", incident, "--json"]);
        let entries: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        entries
            .as_array()
            .expect("entries")
            .iter()
            .filter(|e| e["kind"] == "note")
            .map(|e| e["text"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}
