//! `inc config path|show|edit`, and the settings taking effect: severity
//! labels and descriptions, and the refusal of unknown keys and malformed
//! TOML.

use crate::env::Env;

fn config_file(env: &Env) -> std::path::PathBuf {
    env.dir().join("config/inc/config.toml")
}

fn write_config(env: &Env, text: &str) {
    let path = config_file(env);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An editor that runs `script` on the file it is given.
fn editor(env: &Env, script: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = env.dir().join("editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

#[test]
fn config_path_prints_both_paths_and_opens_neither() {
    let env = Env::new();
    let out = env.ok(&["config", "path"]);
    assert_eq!(
        out,
        format!(
            "config    {}\ndatabase  {}\n",
            config_file(&env).display(),
            env.db.display()
        )
    );
    assert!(!env.db.exists() && !config_file(&env).exists());
    // The default database location, when nothing names one.
    let out = env
        .cmd()
        .env_remove("INC_DB")
        .args(["config", "path"])
        .output()
        .unwrap();
    let expected = env.dir().join("data/inc/inc.db");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(&expected.display().to_string())
    );
    assert!(!expected.exists());
}

#[test]
fn config_show_is_toml_with_where_each_value_came_from() {
    let env = Env::new();
    write_config(
        &env,
        "briefing_notes = 3\n[severity.1]\nlabel = \"P1\"\ndescription = \"all hands\"\n",
    );
    let out = env.ok(&["config", "show"]);
    let line = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start:?} in\n{out}"))
            .to_string()
    };
    assert!(line("user = \"alice\"").ends_with("# INC_USER"));
    assert!(line("briefing_notes = 3").ends_with("# config file"));
    assert!(line("busy_timeout_ms = 5000").ends_with("# built-in"));
    assert!(line("timezone = \"Europe/Berlin\"").ends_with("# INC_TZ"));
    assert!(line("label = \"P1\"").ends_with("# config file"));
    assert!(line("label = \"major\"").ends_with("# built-in"));
    // What it prints is a config file inc accepts.
    let value: toml::Table = toml::from_str(&out).expect("valid TOML");
    assert_eq!(
        value["severity"]["1"]["description"].as_str(),
        Some("all hands")
    );
    write_config(&env, &out.replace("user = \"alice\"", "user = \"zed\""));
    let again = env
        .cmd()
        .env_remove("INC_USER")
        .args(["config", "show"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(again.stdout)
            .unwrap()
            .contains("user = \"zed\"")
    );
}

#[test]
fn severity_labels_are_accepted_where_a_severity_is_typed() {
    let env = Env::new();
    write_config(
        &env,
        "[severity.1]\nlabel = \"P1\"\n[severity.3]\nlabel = \"P3\"\n",
    );
    assert!(
        env.ok(&["open", "API down", "--sev", "p1"])
            .starts_with("#1 SEV1")
    );
    env.ok(&["sev", "P3"]);
    assert_eq!(env.json(&["show"])["severity"], "SEV3");
    assert_eq!(env.field("title", &["list", "--sev", "p3"]), ["API down"]);
    let f = env.fails(&["sev", "critical"]);
    assert!(
        f.stderr.contains("a label (P1, major, P3, low)"),
        "{}",
        f.stderr
    );
}

#[test]
fn bad_config_names_the_key_or_line_and_config_path_still_works() {
    let env = Env::new();
    for (text, expected) in [
        (
            "user = \"a\"\nbriefing = 3\n",
            "line 2: unknown field `briefing`",
        ),
        ("roles = [\"a\"\n", "line 1"),
        (
            "[severity.1]\nlabel = \"no good\"\n",
            "label must be one word",
        ),
    ] {
        write_config(&env, text);
        let f = env.fails(&["list"]);
        assert!(f.stderr.contains(expected), "{text:?}: {}", f.stderr);
        assert!(f.stderr.contains("inc config edit"), "{}", f.stderr);
        // INC_DB comes before the config's `db`, so the path is known...
        assert!(
            env.ok(&["config", "path"])
                .ends_with(&format!("database  {}\n", env.db.display()))
        );
        // ...and without it, it depends on the broken file.
        let out = env
            .cmd()
            .env_remove("INC_DB")
            .args(["config", "path"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8(out.stdout)
                .unwrap()
                .contains("unknown until the config file can be read")
        );
        env.fails(&["config", "show"]);
    }
}

#[test]
fn config_edit_saves_only_a_valid_file() {
    use crate::terminal::{finish, pty, send};
    let env = Env::new();
    let path = config_file(&env);
    let edit = |script: &str| {
        let ed = editor(&env, script);
        pty(&env, &["config", "edit"], &[("EDITOR", ed.as_str())])
    };
    // No file yet: the editor starts from a commented template, valid as is.
    let p =
        edit("grep -q '# default_severity = 2' \"$1\" && echo 'default_severity = 3' >> \"$1\"");
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.ends_with("default_severity = 3\n"), "{saved}");
    assert!(env.ok(&["config", "show"]).contains("default_severity = 3"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a new config file is private");

    // Quitting without a change writes nothing.
    let (code, out) = finish(edit(":"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no changes"), "{out}");

    // An invalid edit is offered back; declined, the file stays and the
    // edit is kept aside.
    let mut p = edit("echo 'colour = \"red\"' >> \"$1\"");
    p.exp_string("unknown field `colour`").unwrap();
    p.exp_string("Edit it again?").unwrap();
    send(&mut p, "n");
    let (code, out) = finish(p);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("was left as it was"), "{out}");
    let kept = kept_in(&out, "your edit is kept in ");
    assert!(std::fs::read_to_string(&kept).unwrap().contains("colour"));
    std::fs::remove_file(kept).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);

    // Escape at that question keeps the edit too.
    let mut p = edit("echo 'colour = \"blue\"' >> \"$1\"");
    p.exp_string("Edit it again?").unwrap();
    send(&mut p, "\x1b");
    let (code, out) = finish(p);
    assert_eq!(code, 1, "{out}");
    let kept = kept_in(&out, "your edit is kept in ");
    assert!(std::fs::read_to_string(&kept).unwrap().contains("blue"));
    std::fs::remove_file(kept).unwrap();

    // A failing editor changes nothing either; what was typed is kept.
    let (code, out) = finish(edit("echo 'user = \"x\"' >> \"$1\"; exit 4"));
    assert_eq!(code, 1, "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
    let kept = kept_in(&out, "what you wrote is kept in ");
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("user = \"x\"")
    );
    std::fs::remove_file(kept).unwrap();

    // Edited again, and the editor fails: the earlier edit is still kept.
    let counter = env.dir().join("rounds");
    let mut p = edit(&format!(
        "if [ -e '{0}' ]; then exit 1; fi; touch '{0}'; echo 'colour = 1' >> \"$1\"",
        counter.display()
    ));
    p.exp_string("Edit it again?").unwrap();
    send(&mut p, "y");
    let (code, out) = finish(p);
    assert_eq!(code, 1, "{out}");
    let kept = kept_in(&out, "your earlier edit is kept in ");
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("colour = 1")
    );
    std::fs::remove_file(kept).unwrap();

    // Ctrl-C at the question: the edit was kept, and said where, before.
    let mut p = edit("echo 'colour = 2' >> \"$1\"");
    let shown = p.exp_string("Edit it again?").unwrap();
    p.send_control('c').unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 130, "{out}");
    let kept = kept_in(&shown, "your edit is kept in ");
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("colour = 2")
    );
    std::fs::remove_file(kept).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);

    // Without a terminal, or with --no-input, no editor is started.
    let ed = editor(&env, "echo 'user = \"x\"' >> \"$1\"");
    for args in [&["config", "edit"][..], &["config", "edit", "--no-input"]] {
        let out = env.cmd().env("EDITOR", &ed).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("inc cannot ask"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
}

/// The file named after `marker` in inc's output.
fn kept_in(out: &str, marker: &str) -> String {
    out.split(marker)
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no {marker:?} in {out}"))
        .trim_end_matches([';', ':'])
        .to_string()
}

/// Runs `inc config edit` through `link`, a symbolic link whose chain ends
/// at `target`: the line the editor adds lands in `target`, which has
/// `mode` afterwards, and `link` is still a link.
fn edit_through_link(env: &Env, link: &std::path::Path, target: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let ed = editor(env, "echo 'default_severity = 1' >> \"$1\"");
    let p = crate::terminal::pty(env, &["config", "edit"], &[("EDITOR", ed.as_str())]);
    let (code, out) = crate::terminal::finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(
        std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(target)
            .unwrap()
            .contains("default_severity = 1")
    );
    assert_eq!(
        std::fs::metadata(target).unwrap().permissions().mode() & 0o777,
        mode
    );
}

#[test]
fn config_edit_follows_a_link_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let real = env.dir().join("dotfiles.toml");
    std::fs::write(&real, "briefing_notes = 3\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = config_file(&env);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    edit_through_link(&env, &link, &real, 0o640);

    // A chain of links to a file not created yet: the end of the chain is
    // created, private, and the links stay.
    let env = Env::new();
    let link = config_file(&env);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    let middle = env.dir().join("middle.toml");
    let end = env.dir().join("end.toml");
    std::os::unix::fs::symlink(&middle, &link).unwrap();
    std::os::unix::fs::symlink(&end, &middle).unwrap();
    edit_through_link(&env, &middle, &end, 0o600);
}
