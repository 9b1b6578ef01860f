//! Where the response happens: `inc open --channel/--bridge/--ticket` and
//! `inc link`, shown in show, brief and review.

use crate::env::Env;

#[test]
fn links_set_at_open_are_shown_everywhere() {
    let env = Env::new();
    env.ok(&[
        "open",
        "Elevated 500s",
        "--channel",
        "inc-500s",
        "--bridge",
        "https://meet.example.com/abc",
        "--ticket",
        "OPS-1",
    ]);
    let shown = env.json(&["show"]);
    assert_eq!(shown["links"]["channel"], "#inc-500s");
    assert_eq!(shown["links"]["bridge"], "https://meet.example.com/abc");
    assert_eq!(shown["links"]["ticket"], "OPS-1");
    let board = env.ok(&["show"]);
    assert!(board.contains("  channel    #inc-500s\n"), "{board}");
    assert!(board.contains("  ticket     OPS-1\n"), "{board}");
    let brief = env.ok(&["brief"]);
    assert!(
        brief.contains("- **Chat channel:** \\#inc-500s\n"),
        "{brief}"
    );
    assert!(
        brief.contains("- **Call bridge:** <https://meet.example.com/abc>\n"),
        "{brief}"
    );
    let review = env.ok(&["review"]);
    assert!(review.contains("| Ticket | OPS-1 |\n"), "{review}");
    assert_eq!(
        env.json(&["review"])["incident"]["links"]["ticket"],
        "OPS-1"
    );
    assert_eq!(
        env.ok(&["link"]),
        "#1 SEV2 Elevated 500s\n  channel  #inc-500s\n  bridge   https://meet.example.com/abc\n  ticket   OPS-1\n"
    );
}

#[test]
fn link_sets_changes_and_clears() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s"]);
    assert_eq!(
        env.ok(&["link"]),
        "#1 SEV2 Elevated 500s\n  channel  -\n  bridge   -\n  ticket   -\n"
    );
    assert_eq!(
        env.ok(&["link", "channel", "#inc-a"]),
        "#1 Elevated 500s: channel #inc-a\n"
    );
    assert_eq!(
        env.ok(&["link", "channel", "inc-b", "-i", "1"]),
        "#1 Elevated 500s: channel #inc-b\n"
    );
    assert_eq!(
        env.ok(&["link", "channel", "--clear"]),
        "#1 Elevated 500s: channel cleared (was #inc-b)\n"
    );
    assert_eq!(
        env.json(&["show"])["links"]["channel"],
        serde_json::Value::Null
    );
    // User text stays in its place in markdown.
    env.ok(&["link", "ticket", "OPS-1 | <b>*x*</b>"]);
    let review = env.ok(&["review"]);
    assert!(
        review.contains("| Ticket | OPS-1 \\| \\<b\\>\\*x\\*\\</b\\> |\n"),
        "{review}"
    );
}

#[test]
fn bad_links_change_nothing() {
    let env = Env::new();
    env.fails(&["open", "x", "--bridge", "meet.example.com/abc"]);
    env.fails(&["open", "x", "--channel", "  "]);
    env.fails(&["open", "x", "--ticket", "a\nb"]);
    assert!(!env.db.exists());
    env.ok(&["open", "Elevated 500s"]);
    assert!(
        env.fails(&["link", "bridge", "not a url"])
            .stderr
            .contains("is not a URL")
    );
    env.fails(&["link", "channel", ""]);
    env.fails(&["link", "channel", "two words"]);
    env.fails(&["link", "ticket", "x\u{1b}[31m"]);
    env.fails(&["link", "ticket", "OPS-1", "-i", "7"]);
    env.fails(&["link", "ticket"]);
    env.fails(&["link", "ticket", "OPS-1", "--clear"]);
}
