//! Generated files stay in step with the binary: shell completions in
//! completions/, the man page in docs/man/inc.1, and each command's help.
//! `INC_BLESS=1 cargo test` rewrites the committed files.

use std::path::Path;

use clap_complete::Shell;

fn check_or_bless(path: &Path, fresh: &[u8]) {
    if std::env::var_os("INC_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `INC_BLESS=1 cargo test --test cli generated` and commit it",
        path.display()
    );
}

#[test]
fn completions_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        (Shell::Bash, "inc.bash"),
        (Shell::Zsh, "_inc"),
        (Shell::Fish, "inc.fish"),
        (Shell::PowerShell, "_inc.ps1"),
        (Shell::Elvish, "inc.elv"),
    ] {
        let mut fresh = Vec::new();
        inc::commands::completions::write(shell, &mut fresh);
        assert!(!fresh.is_empty());
        check_or_bless(&root.join("completions").join(file), &fresh);
    }
}

#[test]
fn the_completions_command_prints_the_same() {
    let env = crate::env::Env::new();
    let printed = env.ok(&["completions", "bash"]);
    let mut fresh = Vec::new();
    inc::commands::completions::write(Shell::Bash, &mut fresh);
    assert_eq!(printed.as_bytes(), fresh);
}

#[test]
fn the_man_page_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check_or_bless(
        &root.join("docs/man/inc.1"),
        &inc::commands::completions::man_page(),
    );
}

#[test]
fn man_renders_the_man_page_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("man")
        .args(["--warnings", "-l"])
        .arg(root.join("docs/man/inc.1"))
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .output()
        .expect("man(1) runs (.ci/run installs man-db)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    let page = String::from_utf8(out.stdout).unwrap();
    for section in [
        "SYNOPSIS",
        "SUBCOMMANDS",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
    ] {
        assert!(page.contains(section), "no {section} in\n{page}");
    }
    assert!(page.contains("inc-open(1)"), "{page}");
}

#[test]
fn every_command_is_listed_under_a_phase() {
    let help = crate::env::Env::new().ok(&["--help"]);
    assert!(!help.contains("Other commands"), "{help}");
    for sub in inc::cli::command().get_subcommands() {
        let line = format!("\n  {} ", sub.get_name());
        assert!(
            help.contains(&line),
            "{} is not listed:\n{help}",
            sub.get_name()
        );
    }
}

#[test]
fn the_cli_definition_is_consistent() {
    inc::cli::command().debug_assert();
}

#[test]
fn help_for_every_command() {
    let env = crate::env::Env::new();
    insta::assert_snapshot!("help", env.ok(&["--help"]));
    for sub in inc::cli::command().get_subcommands() {
        let name = sub.get_name().to_string();
        if name == "help" {
            continue;
        }
        insta::assert_snapshot!(format!("help_{name}"), env.ok(&[&name, "--help"]));
    }
}

#[test]
fn help_and_version_never_touch_a_broken_database() {
    let env = crate::env::Env::new();
    std::fs::write(&env.db, b"not a database").unwrap();
    env.ok(&["--help"]);
    env.ok(&["--version"]);
    env.ok(&["completions", "zsh"]);
    assert_eq!(std::fs::read(&env.db).unwrap(), b"not a database");
}
