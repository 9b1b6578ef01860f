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
fn the_man_pages_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    let pages = inc::commands::completions::man_pages();
    for (name, page) in &pages {
        check_or_bless(&dir.join(name), page);
    }
    // No page is left over from a command that is gone.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !pages.iter().any(|(name, _)| *name == file) {
            if std::env::var_os("INC_BLESS").is_some() {
                std::fs::remove_file(dir.join(&file)).unwrap();
            } else {
                panic!(
                    "docs/man/{file} has no command: run `INC_BLESS=1 cargo test --test cli generated`"
                );
            }
        }
    }
}

#[test]
fn man_renders_every_man_page_without_warnings() {
    if !crate::env::has_program("man", "the man pages are not rendered") {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    let render = |name: &str| {
        let out = std::process::Command::new("man")
            .args(["--warnings", "-l"])
            .arg(dir.join(name))
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .output()
            .expect("man(1) runs (.ci/run installs man-db)");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "{name}: {stderr}"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let page = render("inc.1");
    for section in [
        "SYNOPSIS",
        "SUBCOMMANDS",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
    ] {
        assert!(page.contains(section), "no {section} in\n{page}");
    }
    // Every page inc.1 refers to exists and renders.
    for (name, _) in inc::commands::completions::man_pages() {
        let stem = name.trim_end_matches(".1");
        if stem.matches('-').count() == 1 {
            assert!(
                page.contains(&format!("{stem}(1)")),
                "inc.1 does not refer to {stem}(1)"
            );
        }
        assert!(render(&name).contains("NAME"), "{name}");
    }
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

/// The words of each command in an example line, split as a shell would
/// for the simple lines the examples use: quotes, `|`, `&&`, `;`, a `>`
/// redirection and a `#` comment. Leading `NAME=value` words are dropped.
fn example_commands(line: &str) -> Vec<Vec<String>> {
    let mut commands = vec![Vec::new()];
    let mut word: Option<String> = None;
    let mut quote = None;
    let mut redirect = false;
    // A finished word joins the command, unless it names a redirection's file.
    fn end_word(word: &mut Option<String>, commands: &mut [Vec<String>], redirect: &mut bool) {
        if let Some(w) = word.take()
            && !std::mem::take(redirect)
        {
            commands.last_mut().unwrap().push(w);
        }
    }
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, '#') if word.is_none() => break,
            (None, c) if c.is_whitespace() => end_word(&mut word, &mut commands, &mut redirect),
            (None, '|' | '&' | ';') => {
                end_word(&mut word, &mut commands, &mut redirect);
                if !commands.last().unwrap().is_empty() {
                    commands.push(Vec::new());
                }
            }
            (None, '>') => {
                end_word(&mut word, &mut commands, &mut redirect);
                redirect = true;
            }
            (None, '\\') => panic!("keep examples free of backslashes: {line}"),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    assert!(quote.is_none(), "unbalanced quote in: {line}");
    end_word(&mut word, &mut commands, &mut redirect);
    commands
        .into_iter()
        .map(|words| {
            words
                .into_iter()
                .skip_while(|w| {
                    w.split_once('=').is_some_and(|(name, _)| {
                        !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                    })
                })
                .collect()
        })
        .filter(|words: &Vec<String>| !words.is_empty())
        .collect()
}

#[test]
fn example_lines_split_like_a_shell() {
    assert_eq!(
        example_commands(r#"echo "a b" | INC_DB=x.db inc tl - > out.txt  # note"#),
        vec![vec!["echo", "a b"], vec!["inc", "tl", "-"]]
    );
    assert_eq!(
        example_commands("inc use '#12' && inc show"),
        vec![vec!["inc", "use", "#12"], vec!["inc", "show"]]
    );
}

/// Every command and subcommand ends its `--help` with examples, and each
/// example's `inc` command line parses.
#[test]
fn every_command_has_examples_that_parse() {
    fn check(cmd: &clap::Command, path: &str) {
        for sub in cmd.get_subcommands() {
            let name = format!("{path} {}", sub.get_name());
            if sub.get_name() == "help" {
                continue;
            }
            let after = sub
                .get_after_long_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            let examples = after
                .split_once("Examples:\n")
                .unwrap_or_else(|| panic!("`{name} --help` has no examples"))
                .1;
            let lines: Vec<&str> = examples
                .lines()
                .take_while(|l| l.starts_with("  "))
                .collect();
            assert!(
                (1..=4).contains(&lines.len()),
                "`{name} --help` has {} examples",
                lines.len()
            );
            for line in lines {
                let runs: Vec<Vec<String>> = example_commands(line)
                    .into_iter()
                    .filter(|words| words[0] == "inc")
                    .collect();
                assert!(!runs.is_empty(), "no inc command in `{line}` ({name})");
                for words in runs {
                    if let Err(e) = inc::cli::command().try_get_matches_from(&words) {
                        panic!("`{line}` in `{name} --help` does not parse:\n{e}");
                    }
                }
            }
            check(sub, &name);
        }
    }
    // Commands are defined lazily (deferred): build them all first.
    let mut cmd = inc::cli::command();
    cmd.build();
    check(&cmd, "inc");
}

/// Every long help that explains a TIME states the tolerance for a time of
/// day just ahead of now as the code has it.
#[test]
fn time_help_states_the_tolerance() {
    fn helps(cmd: &clap::Command, out: &mut Vec<(String, String)>) {
        for arg in cmd.get_arguments() {
            if let Some(help) = arg.get_long_help() {
                out.push((
                    format!("{} {}", cmd.get_name(), arg.get_id()),
                    help.to_string(),
                ));
            }
        }
        for sub in cmd.get_subcommands() {
            helps(sub, out);
        }
    }
    let mut cmd = inc::cli::command();
    cmd.build();
    let mut all = Vec::new();
    helps(&cmd, &mut all);
    let tolerance = format!(
        "up to {} minutes ahead of now means now",
        inc::time::AHEAD_TOLERANCE.num_minutes()
    );
    let explained: Vec<&(String, String)> = all
        .iter()
        .filter(|(_, help)| help.contains("TIME is `14:05`"))
        .collect();
    assert!(
        explained.len() >= 10,
        "{} helps explain TIME",
        explained.len()
    );
    let replay = format!(
        "on an incident whose latest event is over {} hours old",
        inc::time::REPLAY_AFTER.num_hours()
    );
    let mut replayed = 0;
    for (name, help) in explained {
        assert!(help.contains(&tolerance), "{name}: {help}");
        if help.contains("the incident's own day") {
            assert!(help.contains(&replay), "{name}: {help}");
            replayed += 1;
        }
    }
    assert!(replayed >= 8, "{replayed} helps explain the replay rule");
}
