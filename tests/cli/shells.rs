//! The committed completion scripts, loaded in real shells: bash and fish
//! (`.ci/run` installs fish where it is missing). The scripts ask `inc` on
//! the PATH, so the freshly built binary answers.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::env::Env;

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(name)
}

/// The test environment, with the built `inc` first on the PATH.
fn shell(env: &Env, program: &str) -> Command {
    let inc = assert_cmd::cargo::cargo_bin("inc");
    let mut path = std::ffi::OsString::from(inc.parent().unwrap());
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    let mut cmd = Command::new(program);
    let std = env.std_cmd();
    cmd.env_clear()
        .envs(std.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .env("PATH", path);
    cmd
}

fn run(mut cmd: Command) -> Vec<String> {
    let out = cmd.output().expect("the shell runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// What bash's completion function offers for `words`, the last one being
/// completed.
fn bash_completes(env: &Env, words: &[&str]) -> Vec<String> {
    let mut cmd = shell(env, "bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    cmd.args(["--norc", "--noprofile", "-c"]).arg(format!(
        "source '{}' || exit 9
COMP_WORDS=({}); COMP_CWORD={}; COMP_TYPE=9
_clap_complete_inc inc '{}' '{}'
printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script("inc.bash").display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    ));
    run(cmd)
}

fn fish_completes(env: &Env, line: &str) -> Vec<String> {
    let mut cmd = shell(env, "fish");
    cmd.args(["--no-config", "-c"]).arg(format!(
        "source '{}'; or exit 9; complete --do-complete '{line}'",
        script("inc.fish").display()
    ));
    run(cmd)
}

fn incidents() -> Env {
    let env = Env::new();
    env.ok(&["open", "Checkout down", "--sev", "1"]);
    env.ok(&["open", "Slow search"]);
    env.ok(&["resolve", "-i", "1"]);
    env
}

#[test]
fn bash_completes_commands_flags_and_incident_ids() {
    let env = incidents();
    assert_eq!(bash_completes(&env, &["inc", "tim"]), ["timeline", "times"]);
    assert_eq!(
        bash_completes(&env, &["inc", "review", "--ch"]),
        ["--check"]
    );
    // Open incidents first.
    assert_eq!(bash_completes(&env, &["inc", "show", "-i", ""]), ["2", "1"]);
    // `use` takes open incidents, `reopen` resolved ones.
    assert_eq!(bash_completes(&env, &["inc", "use", ""])[0], "2");
    assert!(!bash_completes(&env, &["inc", "use", ""]).contains(&"1".to_string()));
    assert_eq!(bash_completes(&env, &["inc", "reopen", ""])[0], "1");
    assert!(!bash_completes(&env, &["inc", "reopen", ""]).contains(&"2".to_string()));
}

#[test]
fn fish_completes_commands_and_incident_ids_with_their_titles() {
    if !crate::env::has_program("fish", "the fish completions are not loaded in fish") {
        return;
    }
    let env = incidents();
    let out = fish_completes(&env, "inc timel");
    assert_eq!(out.len(), 1, "{out:?}");
    assert!(out[0].starts_with("timeline\t"), "{out:?}");
    let ids = fish_completes(&env, "inc tl -i ");
    assert_eq!(
        ids,
        [
            "2\tSEV2 investigating: Slow search",
            "1\tSEV1 resolved: Checkout down"
        ]
    );
}

#[test]
fn no_database_offers_no_ids_and_creates_nothing() {
    let env = Env::new();
    let offered = bash_completes(&env, &["inc", "show", "-i", ""]);
    assert!(offered.iter().all(String::is_empty), "{offered:?}");
    assert!(!env.db.exists());
}
