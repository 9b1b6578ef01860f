//! What a channel message says beyond a note: a handoff of command, an
//! action item, or a status page post. Each is recognised by a documented
//! pattern (docs/commands.md, `inc import-slack`), in any letter case, on
//! the message as plain text with its @mentions known by name.

/// What a message becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// A timeline note.
    Note,
    /// Command handed to someone: "handing IC to @marco", "@marco is IC
    /// now". The whole message is the briefing.
    Handoff { to: String },
    /// "AI: text", "action: text", "action item: text", with its owner
    /// mentioned anywhere in it (else whoever wrote it).
    Action { text: String, owner: Option<String> },
    /// A status page post: from a status page integration, or a message
    /// starting "status page:" or "statuspage:".
    Update { text: String },
}

/// Phrases that hand command to the one mentioned (`@@`).
const HANDOFFS: [&str; 24] = [
    "handing ic to @@",
    "handing ic over to @@",
    "handing command to @@",
    "handing command over to @@",
    "handing incident command to @@",
    "handing off to @@",
    "handing off ic to @@",
    "handing over to @@",
    "handing over ic to @@",
    "handoff to @@",
    "passing ic to @@",
    "ic handoff to @@",
    "@@ is ic now",
    "@@ is now ic",
    "@@ is the ic now",
    "@@ is now the ic",
    "@@ is incident commander now",
    "@@ is now incident commander",
    "@@ is now the incident commander",
    "ic is now @@",
    "incident commander is now @@",
    "@@ has ic now",
    "@@ takes over as ic",
    "@@ taking over as ic",
];

/// How an action item line starts.
const ACTIONS: [&str; 4] = ["action item:", "action:", "ai:", "todo:"];

/// How a person's status page post starts.
const UPDATES: [&str; 3] = ["status page:", "statuspage:", "status update:"];

/// What `text` says. `mentioned` are the names of the people it mentions,
/// each written `@name` in it; `from_status_page` is true for a message
/// posted by a status page integration.
pub fn read(text: &str, mentioned: &[String], from_status_page: bool) -> Said {
    let trimmed = text.trim();
    if from_status_page {
        return Said::Update {
            text: trimmed.to_string(),
        };
    }
    let lower = trimmed.to_lowercase();
    // The rest of the text after `start`, typed in any case.
    let after = |start: &str| {
        trimmed
            .get(..start.len())
            .filter(|p| p.eq_ignore_ascii_case(start))
            .map(|_| trimmed[start.len()..].trim())
    };
    for start in UPDATES {
        if let Some(rest) = after(start) {
            // "Status page: \"Investigating\"": the post, without quotes.
            let rest = rest
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(rest)
                .trim();
            if rest.trim_matches('"').is_empty() {
                return Said::Note;
            }
            return Said::Update {
                text: rest.to_string(),
            };
        }
    }
    // Each mention as `\u{1}`, in order (repeats too), the longest name
    // that follows an `@` first.
    let mut names: Vec<(String, &String)> =
        mentioned.iter().map(|n| (n.to_lowercase(), n)).collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut shape = String::with_capacity(lower.len());
    let mut in_order: Vec<&String> = Vec::new();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('@') {
        shape.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match names.iter().find(|(n, _)| after.starts_with(n.as_str())) {
            Some((n, name)) => {
                shape.push('\u{1}');
                in_order.push(name);
                rest = &after[n.len()..];
            }
            None => {
                shape.push('@');
                rest = after;
            }
        }
    }
    shape.push_str(rest);
    for start in ACTIONS {
        if let Some(rest) = after(start) {
            if rest.is_empty() {
                return Said::Note;
            }
            let owner = in_order.first().map(|n| (*n).clone());
            // An owner named at the end ("@dana", "(owner: @dana)") is not
            // part of the item's text.
            let text = owner
                .as_ref()
                .and_then(|o| {
                    rest.trim_end_matches(['.', ')', ' '])
                        .strip_suffix(&format!("@{o}"))
                })
                .map(|cut| {
                    // "(owner: @dana)", "owner @dana", "- @dana", ", @dana".
                    let cut = cut.trim_end_matches([' ', ':']);
                    let cut = ["owner", "Owner"]
                        .iter()
                        .find_map(|w| {
                            cut.strip_suffix(w)
                                .filter(|before| before.is_empty() || before.ends_with([' ', '(']))
                        })
                        .unwrap_or(cut);
                    cut.trim_end_matches([' ', '-', '(', ',', ':']).to_string()
                })
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| rest.to_string());
            return Said::Action { text, owner };
        }
    }
    // A handoff is said at the start of a sentence, after a few words
    // that change nothing ("OK, I'm handing IC to @marco"); not in a
    // question, nor in talk about one ("the handoff to @bob failed",
    // "not handing IC to @bob yet").
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\u{1}'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let phrases: Vec<Vec<String>> = HANDOFFS
        .iter()
        .map(|p| words(&p.replace("@@", "\u{1}")))
        .collect();
    let mut seen = 0;
    let mut sentence = String::new();
    for c in shape.chars().chain(std::iter::once('\n')) {
        if !matches!(c, '.' | '!' | '?' | ';' | '\n') {
            sentence.push(c);
            continue;
        }
        let w = words(&sentence);
        sentence.clear();
        let mentions = w.iter().filter(|x| *x == "\u{1}").count();
        if c != '?' {
            for phrase in &phrases {
                let Some(at) = w.windows(phrase.len()).position(|x| x == phrase.as_slice()) else {
                    continue;
                };
                if !w[..at]
                    .iter()
                    .all(|x| x == "\u{1}" || FILLERS.contains(&x.as_str()))
                {
                    continue;
                }
                let before = w[..at].iter().filter(|x| *x == "\u{1}").count();
                let within = phrase.iter().position(|x| x == "\u{1}").unwrap_or(0);
                let index =
                    seen + before + phrase[..within].iter().filter(|x| *x == "\u{1}").count();
                if let Some(to) = in_order.get(index) {
                    return Said::Handoff { to: (*to).clone() };
                }
            }
        }
        seen += mentions;
    }
    Said::Note
}

/// Words that may come before a handoff in its sentence.
const FILLERS: [&str; 20] = [
    "ok", "okay", "so", "now", "i", "m", "am", "alright", "right", "all", "fyi", "cc", "thanks",
    "thank", "you", "thx", "hey", "hi", "folks", "and",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str, mentioned: &[&str]) -> Said {
        let names: Vec<String> = mentioned.iter().map(|n| (*n).to_string()).collect();
        read(text, &names, false)
    }

    #[test]
    fn handoffs_name_who_takes_command() {
        for text in [
            "handing IC to @marco",
            "OK, I'm handing IC over to @marco: failover done, watch lag",
            "@marco is IC now",
            "@Marco is now the incident commander.",
            "IC is now @marco",
            "thanks @alice! handing off to @marco",
        ] {
            let mentioned = if text.contains("@alice") {
                vec!["alice", "marco"]
            } else {
                vec!["marco"]
            };
            assert_eq!(
                said(text, &mentioned),
                Said::Handoff { to: "marco".into() },
                "{text}"
            );
        }
        // A name of several words.
        assert_eq!(
            said("handing IC to @Marco Rossi", &["Marco Rossi"]),
            Said::Handoff {
                to: "Marco Rossi".into()
            }
        );
        // Talk about IC without handing it over stays a note.
        for text in [
            "who is IC?",
            "@marco is IC now?",
            "handing IC to you",
            "the handoff to @marco failed, I am still IC",
            "not handing IC to @marco yet",
        ] {
            assert_eq!(said(text, &["marco"]), Said::Note, "{text}");
        }
        // The mention the phrase names, among repeated ones.
        assert_eq!(
            said(
                "thanks @Bob, thanks again @Bob; handing IC to @alice, fyi @carol",
                &["Bob", "alice", "carol"]
            ),
            Said::Handoff { to: "alice".into() }
        );
        assert_eq!(
            said("ping @bob. handing IC to @bob", &["bob"]),
            Said::Handoff { to: "bob".into() }
        );
        assert_eq!(
            said("@alice.b: handing IC to @alice", &["alice", "alice.b"]),
            Said::Handoff { to: "alice".into() }
        );
        assert_eq!(said("the ic is now stable", &[]), Said::Note);
    }

    #[test]
    fn action_items_with_and_without_an_owner() {
        assert_eq!(
            said("AI: add a canary stage @marco", &["marco"]),
            Said::Action {
                text: "add a canary stage".into(),
                owner: Some("marco".into())
            }
        );
        assert_eq!(
            said("action item: @dana to alert on pool exhaustion", &["dana"]),
            Said::Action {
                text: "@dana to alert on pool exhaustion".into(),
                owner: Some("dana".into())
            }
        );
        assert_eq!(
            said("Action: review pool sizes (owner: @dana)", &["dana"]),
            Said::Action {
                text: "review pool sizes".into(),
                owner: Some("dana".into())
            }
        );
        assert_eq!(
            said("ai: write the runbook", &[]),
            Said::Action {
                text: "write the runbook".into(),
                owner: None
            }
        );
        assert_eq!(
            said("AI: notify the co-owner @dana", &["dana"]),
            Said::Action {
                text: "notify the co-owner".into(),
                owner: Some("dana".into())
            }
        );
        assert_eq!(said("AI:", &[]), Said::Note);
        assert_eq!(said("aim: faster deploys", &[]), Said::Note);
    }

    #[test]
    fn status_page_posts() {
        assert_eq!(
            said("Status page: \"We are investigating\"", &[]),
            Said::Update {
                text: "We are investigating".into()
            }
        );
        assert_eq!(
            read("Resolved: all systems normal", &[], true),
            Said::Update {
                text: "Resolved: all systems normal".into()
            }
        );
        assert_eq!(said("the status page is slow", &[]), Said::Note);
        assert_eq!(said("status update: \"", &[]), Said::Note);
    }
}
