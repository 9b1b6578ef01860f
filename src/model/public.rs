//! The public review's rules: who may be named and what may be shown when
//! a review leaves the company. Each person becomes their part in the
//! incident ("Incident commander", "Scribe", "Responder 2"), also where
//! their name is written inside free text; notes for responders only,
//! internal status updates and captured command output are left out.
//! Pure: it maps model values to model values, for the usual renderers.

use std::collections::BTreeMap;

use super::{
    Action, Assignment, Audience, Authorship, ChecklistItem, Description, EntryKind, Factor,
    Incident, Lesson, Links, Responder, RoleHolder, Task, TimelineEntry, responders,
};

/// An incident's records, as the review reads them.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    pub incident: &'a Incident,
    pub description: &'a Description,
    pub assignments: &'a [Assignment],
    /// Who holds each role now.
    pub roles: &'a [RoleHolder],
    /// Every role given, in order.
    pub past_roles: &'a [RoleHolder],
    pub entries: &'a [TimelineEntry],
    pub tasks: &'a [Task],
    pub factors: &'a [Factor],
    pub actions: &'a [Action],
    pub lessons: &'a [Lesson],
    pub checklist: &'a [ChecklistItem],
}

/// The same records, fit to share outside: see [`public`].
#[derive(Debug, Clone)]
pub struct PublicRecords {
    pub incident: Incident,
    pub description: Description,
    pub assignments: Vec<Assignment>,
    pub roles: Vec<RoleHolder>,
    pub past_roles: Vec<RoleHolder>,
    pub entries: Vec<TimelineEntry>,
    pub tasks: Vec<Task>,
    pub factors: Vec<Factor>,
    pub actions: Vec<Action>,
    pub lessons: Vec<Lesson>,
    pub checklist: Vec<ChecklistItem>,
    /// Everyone involved, counted from what is shown, so that the list
    /// does not give away how many notes were left out.
    pub responders: Vec<Responder>,
}

/// Everyone the records name, by their part in the incident: commanders in
/// handoff order, role holders, then everyone else in order of appearance.
pub fn people<'a>(r: &Records<'a>) -> People<'a> {
    let mut people = People {
        commanders: r.assignments.iter().map(|a| a.name.as_str()).collect(),
        ..People::default()
    };
    for h in r.past_roles.iter().chain(r.roles) {
        people.roles.push((h.role.as_str(), h.name.as_str()));
    }
    let others = &mut people.others;
    others.push(&r.incident.commander);
    others.push(&r.incident.created_by);
    for a in r.assignments {
        others.extend(a.from.as_deref());
        others.push(&a.recorded_by);
    }
    for e in r.entries {
        others.push(&e.author);
        match e.kind {
            EntryKind::Handoff | EntryKind::Role => {
                others.extend(e.from.as_deref());
                others.extend(e.to.as_deref());
            }
            // A task entry's `to` is its owner.
            EntryKind::Task => others.extend(e.to.as_deref()),
            _ => {}
        }
    }
    for t in r.tasks {
        others.push(&t.created_by);
        others.extend(t.owner.as_deref());
        others.extend(t.done_by.as_deref());
    }
    others.extend(r.factors.iter().map(|f| f.created_by.as_str()));
    for a in r.actions {
        others.push(&a.created_by);
    }
    others.extend(r.lessons.iter().map(|l| l.created_by.as_str()));
    for c in r.checklist {
        others.push(&c.created_by);
        others.extend(c.done_by.as_deref());
    }
    // An action item's owner may be a person or a team: "Owner n" unless
    // a person above.
    people.owners = r.actions.iter().map(|a| a.owner.as_str()).collect();
    people
}

/// The public version of an incident's records: each person named by
/// their part in the response, everywhere (see [`Pseudonyms`]); notes for
/// responders only, updates not written for customers and captured
/// command output left out; where the response happened dropped.
pub fn public(r: &Records<'_>) -> PublicRecords {
    let p = Pseudonyms::new(&people(r));
    let assignments: Vec<Assignment> = r.assignments.iter().map(|a| p.assignment(a)).collect();
    let roles: Vec<RoleHolder> = r.roles.iter().map(|h| p.role(h)).collect();
    let past_roles: Vec<RoleHolder> = r.past_roles.iter().map(|h| p.role(h)).collect();
    let entries: Vec<TimelineEntry> = r.entries.iter().filter_map(|e| p.entry(e)).collect();
    let tasks: Vec<Task> = r.tasks.iter().map(|t| p.task(t)).collect();
    let responders = responders(
        &assignments,
        &roles,
        &past_roles,
        &authorship(&entries),
        &tasks,
    );
    PublicRecords {
        incident: p.incident(r.incident),
        description: p.description(r.description),
        factors: r.factors.iter().map(|f| p.factor(f)).collect(),
        actions: r.actions.iter().map(|a| p.action(a)).collect(),
        lessons: r.lessons.iter().map(|l| p.lesson(l)).collect(),
        checklist: r.checklist.iter().map(|c| p.checklist_item(c)).collect(),
        assignments,
        roles,
        past_roles,
        entries,
        tasks,
        responders,
    }
}

/// Who the people of an incident are in a public review, and how to write
/// them out of text.
#[derive(Debug, Clone)]
pub struct Pseudonyms {
    /// Each person's name in lower case, with what stands for them.
    by_name: BTreeMap<String, String>,
    /// The same names as characters, longest first, for finding them in
    /// text (a longer name wins over one it contains: "Ann Lee" over "Ann").
    patterns: Vec<(Vec<char>, String)>,
}

/// The people an incident names, by their part in it.
#[derive(Debug, Clone, Default)]
pub struct People<'a> {
    /// Each commander, in handoff order (repeats allowed).
    pub commanders: Vec<&'a str>,
    /// Each role given (role, holder), in the order given.
    pub roles: Vec<(&'a str, &'a str)>,
    /// Everyone else who appears (authors, task owners, ...), in order of
    /// appearance (repeats and the people above allowed).
    pub others: Vec<&'a str>,
    /// Action items' owners: people or teams. Those not among the people
    /// above become "Owner n", also in text: a person must not be named,
    /// so a team named like a plain word ("payments") is replaced too.
    pub owners: Vec<&'a str>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// `scribe` → `Scribe`.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Lower case, one character for one (so positions stay aligned).
fn lower(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(one), None) => one,
        _ => c,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Pseudonyms {
    pub fn new(people: &People<'_>) -> Pseudonyms {
        let mut by_name: BTreeMap<String, String> = BTreeMap::new();
        let distinct = |names: &mut dyn Iterator<Item = &str>| {
            let mut seen: Vec<String> = Vec::new();
            for n in names {
                let k = key(n);
                if !k.is_empty() && !seen.contains(&k) {
                    seen.push(k);
                }
            }
            seen
        };
        let commanders = distinct(&mut people.commanders.iter().copied());
        for (i, k) in commanders.iter().enumerate() {
            let label = if commanders.len() == 1 {
                "Incident commander".to_string()
            } else {
                format!("Incident commander {}", i + 1)
            };
            by_name.insert(k.clone(), label);
        }
        // Role holders, numbered where a role had several.
        let mut holders: Vec<(String, Vec<String>)> = Vec::new();
        for (role, name) in &people.roles {
            let k = key(name);
            let role = role.trim().to_lowercase();
            if k.is_empty() || by_name.contains_key(&k) || role.is_empty() {
                continue;
            }
            if holders.iter().any(|(_, names)| names.contains(&k)) {
                continue;
            }
            match holders.iter_mut().find(|(r, _)| *r == role) {
                Some((_, names)) => names.push(k),
                None => holders.push((role, vec![k])),
            }
        }
        for (role, names) in &holders {
            for (i, k) in names.iter().enumerate() {
                let label = if names.len() == 1 {
                    capitalized(role)
                } else {
                    format!("{} {}", capitalized(role), i + 1)
                };
                by_name.insert(k.clone(), label);
            }
        }
        let mut n = 0;
        for k in distinct(&mut people.others.iter().copied()) {
            if let std::collections::btree_map::Entry::Vacant(slot) = by_name.entry(k) {
                n += 1;
                slot.insert(format!("Responder {n}"));
            }
        }
        let mut n = 0;
        for k in distinct(&mut people.owners.iter().copied()) {
            if let std::collections::btree_map::Entry::Vacant(slot) = by_name.entry(k) {
                n += 1;
                slot.insert(format!("Owner {n}"));
            }
        }
        let mut patterns: Vec<(Vec<char>, String)> = by_name
            .iter()
            .map(|(k, v)| (k.chars().map(lower).collect(), v.clone()))
            .collect();
        // Each part of a name of several words is a name too: "Ingrid"
        // is written for "Ingrid Nakamura". A part two people share
        // stands for either.
        let mut parts: BTreeMap<String, String> = BTreeMap::new();
        for (k, v) in &by_name {
            let words: Vec<&str> = k
                .split(|c: char| !is_word(c) && c != '\'')
                .filter(|w| w.chars().count() >= 2)
                .collect();
            if words.len() < 2 {
                continue;
            }
            for w in words {
                if by_name.contains_key(w) {
                    continue;
                }
                parts
                    .entry(w.to_string())
                    .and_modify(|label| {
                        if label != v {
                            *label = "a responder".to_string();
                        }
                    })
                    .or_insert_with(|| v.clone());
            }
        }
        patterns.extend(
            parts
                .into_iter()
                .map(|(k, v)| (k.chars().map(lower).collect(), v)),
        );
        patterns.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Pseudonyms { by_name, patterns }
    }

    /// What stands for a person: their part, or, for a name not known,
    /// the name with any known names in it replaced.
    pub fn name(&self, name: &str) -> String {
        self.by_name
            .get(&key(name))
            .cloned()
            .unwrap_or_else(|| self.text(name))
    }

    /// Free text with every known name, as a whole word and in any case,
    /// replaced by what stands for that person.
    pub fn text(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let lowered: Vec<char> = chars.iter().copied().map(lower).collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let starts_word = i == 0 || !is_word(chars[i - 1]) || !is_word(chars[i]);
            let found = starts_word
                .then(|| {
                    self.patterns.iter().find(|(p, _)| {
                        let end = i + p.len();
                        end <= chars.len()
                            && lowered[i..end] == p[..]
                            && (end == chars.len()
                                || !is_word(chars[end])
                                || !is_word(chars[end - 1]))
                    })
                })
                .flatten();
            match found {
                Some((p, with)) => {
                    out.push_str(with);
                    i += p.len();
                }
                None if chars[i] == '@' && (i == 0 || !is_word(chars[i - 1])) => {
                    // A mention of someone inc does not know (a Slack
                    // handle, say) is still a person.
                    let end = (i + 1..chars.len())
                        .find(|&j| !(is_word(chars[j]) || chars[j] == '.' || chars[j] == '-'))
                        .unwrap_or(chars.len());
                    // A dot or hyphen ends a sentence more often than a handle.
                    let mut end = end;
                    while end > i + 1 && matches!(chars[end - 1], '.' | '-') {
                        end -= 1;
                    }
                    let handle: String = lowered[i + 1..end].iter().collect();
                    if end == i + 1 || ["here", "channel", "everyone"].contains(&handle.as_str()) {
                        out.push('@');
                        i += 1;
                    } else if self.patterns.iter().any(|(p, _)| {
                        lowered[i + 1..].starts_with(p)
                            && (i + 1 + p.len() == chars.len() || !is_word(chars[i + 1 + p.len()]))
                    }) {
                        // A known name follows: replaced on the next step.
                        out.push('@');
                        i += 1;
                    } else {
                        out.push_str("@someone");
                        i = end;
                    }
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }

    fn opt_text(&self, text: Option<&String>) -> Option<String> {
        text.map(|t| self.text(t))
    }

    fn opt_name(&self, name: Option<&String>) -> Option<String> {
        name.map(|n| self.name(n))
    }

    /// The incident, its title rewritten, without where the response
    /// happened (chat channel, call bridge, ticket): internal addresses.
    pub fn incident(&self, i: &Incident) -> Incident {
        Incident {
            title: self.text(&i.title),
            commander: self.name(&i.commander),
            created_by: self.name(&i.created_by),
            links: Links::default(),
            ..i.clone()
        }
    }

    pub fn description(&self, d: &Description) -> Description {
        Description {
            summary: self.opt_text(d.summary.as_ref()),
            impact: self.opt_text(d.impact.as_ref()),
            scope: d.scope,
            detection: self.opt_text(d.detection.as_ref()),
        }
    }

    /// An assignment; who recorded it is bookkeeping, and is the new
    /// commander here.
    pub fn assignment(&self, a: &Assignment) -> Assignment {
        Assignment {
            name: self.name(&a.name),
            from: self.opt_name(a.from.as_ref()),
            briefing: self.text(&a.briefing),
            recorded_by: self.name(&a.name),
            ..a.clone()
        }
    }

    pub fn role(&self, r: &RoleHolder) -> RoleHolder {
        RoleHolder {
            name: self.name(&r.name),
            ..r.clone()
        }
    }

    /// A timeline entry as the public may see it, or none: notes for
    /// responders only and updates not written for customers are left
    /// out, and a command keeps its line and outcome but not its output.
    pub fn entry(&self, e: &TimelineEntry) -> Option<TimelineEntry> {
        if e.private {
            return None;
        }
        if e.kind == EntryKind::Update && e.audience != Some(Audience::External) {
            return None;
        }
        let names = matches!(e.kind, EntryKind::Handoff | EntryKind::Role);
        let (from, to) = if names {
            (self.opt_name(e.from.as_ref()), self.opt_name(e.to.as_ref()))
        } else if e.kind == EntryKind::Task {
            // A task entry's `to` is its owner.
            (e.from.clone(), self.opt_name(e.to.as_ref()))
        } else if e.kind == EntryKind::Checklist {
            // A checklist entry's `to` is the item's note: left out.
            (e.from.clone(), None)
        } else {
            (self.opt_text(e.from.as_ref()), self.opt_text(e.to.as_ref()))
        };
        let run = e.run.as_ref().map(|r| super::CommandRun {
            output: None,
            output_lines: None,
            ..r.clone()
        });
        Some(TimelineEntry {
            text: self.text(&e.text),
            from,
            to,
            author: self.name(&e.author),
            run,
            ..e.clone()
        })
    }

    pub fn task(&self, t: &Task) -> Task {
        Task {
            text: self.text(&t.text),
            owner: self.opt_name(t.owner.as_ref()),
            created_by: self.name(&t.created_by),
            done_by: self.opt_name(t.done_by.as_ref()),
            ..t.clone()
        }
    }

    pub fn factor(&self, f: &Factor) -> Factor {
        Factor {
            text: self.text(&f.text),
            created_by: self.name(&f.created_by),
            ..f.clone()
        }
    }

    pub fn action(&self, a: &Action) -> Action {
        Action {
            text: self.text(&a.text),
            owner: self.name(&a.owner),
            created_by: self.name(&a.created_by),
            ..a.clone()
        }
    }

    pub fn lesson(&self, l: &Lesson) -> Lesson {
        Lesson {
            text: self.text(&l.text),
            created_by: self.name(&l.created_by),
            ..l.clone()
        }
    }

    /// A checklist item without its note: what was reported to whom (a
    /// regulator's case number, an insurer's claim) is for responders.
    pub fn checklist_item(&self, c: &ChecklistItem) -> ChecklistItem {
        ChecklistItem {
            body: self.text(&c.body),
            created_by: self.name(&c.created_by),
            done_by: self.opt_name(c.done_by.as_ref()),
            note: None,
            ..c.clone()
        }
    }
}

/// Who wrote how many of `entries`, and when each first wrote: the
/// responders' list of a public review counts only what it shows.
pub fn authorship(entries: &[TimelineEntry]) -> Vec<Authorship> {
    let mut by: Vec<(String, Authorship)> = Vec::new();
    for e in entries {
        let k = key(&e.author);
        match by.iter_mut().find(|(n, _)| *n == k) {
            Some((_, a)) => {
                a.entries += 1;
                a.first_at = a.first_at.min(e.recorded_at);
            }
            None => by.push((
                k,
                Authorship {
                    name: e.author.clone(),
                    first_at: e.recorded_at,
                    entries: 1,
                },
            )),
        }
    }
    let mut list: Vec<Authorship> = by.into_iter().map(|(_, a)| a).collect();
    list.sort_by_key(|a: &Authorship| a.first_at);
    list
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;

    fn pseudonyms() -> Pseudonyms {
        Pseudonyms::new(&People {
            commanders: vec!["alice", "Bob Stone", "alice"],
            roles: vec![("scribe", "carol"), ("comms", "dave"), ("comms", "Erin")],
            others: vec!["alice", "frank", "grace", "Frank", "carol"],
            owners: vec!["payments", "frank"],
        })
    }

    #[test]
    fn people_become_their_part_in_the_incident() {
        let p = pseudonyms();
        assert_eq!(p.name("alice"), "Incident commander 1");
        assert_eq!(p.name(" ALICE "), "Incident commander 1");
        assert_eq!(p.name("bob stone"), "Incident commander 2");
        assert_eq!(p.name("carol"), "Scribe");
        assert_eq!(p.name("dave"), "Comms 1");
        assert_eq!(p.name("erin"), "Comms 2");
        assert_eq!(p.name("frank"), "Responder 1");
        assert_eq!(p.name("Grace"), "Responder 2");
        let one = Pseudonyms::new(&People {
            commanders: vec!["alice"],
            ..People::default()
        });
        assert_eq!(one.name("alice"), "Incident commander");
    }

    #[test]
    fn names_in_text_are_replaced_as_whole_words_in_any_case() {
        let p = pseudonyms();
        assert_eq!(
            p.text("Alice asked BOB STONE and bob to page Frank; frankly, carol's call."),
            "Incident commander 1 asked Incident commander 2 and Incident commander 2 to page Responder 1; frankly, Scribe's call."
        );
        // Longest first: "Bob Stone" is not left as "Bob" + "Stone".
        assert_eq!(p.text("bob stone."), "Incident commander 2.");
        // Not inside other words or addresses made of word characters.
        assert_eq!(p.text("malice alice_bot"), "malice alice_bot");
        assert_eq!(p.text("@alice:"), "@Incident commander 1:");
        assert_eq!(p.text(""), "");
        assert_eq!(p.text("Ünïcode grace"), "Ünïcode Responder 2");
    }

    #[test]
    fn parts_of_names_mentions_and_owners() {
        let p = Pseudonyms::new(&People {
            commanders: vec!["Ingrid Nakamura", "Wen Zhao"],
            roles: vec![("scribe", "Ingrid Berg")],
            others: vec!["q"],
            owners: vec!["payments", "Wen Zhao"],
        });
        // Each part of a longer name is found; one two people share
        // stands for either.
        assert_eq!(
            p.text("Nakamura paged Wen; ingrid confirmed, Berg agreed"),
            "Incident commander 1 paged Incident commander 2; a responder confirmed, Scribe agreed"
        );
        // A mention is a person even when inc does not know the name;
        // everyone-mentions and addresses stay.
        assert_eq!(
            p.text("@sören_k and @wen. cc @here, ops@example.com"),
            "@someone and @Incident commander 2. cc @here, ops@example.com"
        );
        // An owner who is nobody else is "Owner n", in text too.
        assert_eq!(p.name("payments"), "Owner 1");
        assert_eq!(p.text("payments pods restarted"), "Owner 1 pods restarted");
        assert_eq!(p.name("wen zhao"), "Incident commander 2");
    }

    #[test]
    fn private_notes_internal_updates_and_output_are_left_out() {
        let p = pseudonyms();
        let at = DateTime::parse_from_rfc3339("2026-11-26T14:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let note = TimelineEntry {
            id: 1,
            ..TimelineEntry::sample(EntryKind::Note, "frank restarted it", at, "grace")
        };
        let shown = p.entry(&note).expect("a public note stays");
        assert_eq!(shown.text, "Responder 1 restarted it");
        assert_eq!(shown.author, "Responder 2");
        let private = TimelineEntry {
            private: true,
            ..note.clone()
        };
        assert!(p.entry(&private).is_none());
        let update = |audience| TimelineEntry {
            kind: EntryKind::Update,
            audience,
            ..note.clone()
        };
        assert!(p.entry(&update(Some(Audience::Internal))).is_none());
        assert!(p.entry(&update(None)).is_none());
        assert!(p.entry(&update(Some(Audience::External))).is_some());
        let handoff = TimelineEntry {
            kind: EntryKind::Handoff,
            from: Some("alice".into()),
            to: Some("bob stone".into()),
            ..note.clone()
        };
        let shown = p.entry(&handoff).unwrap();
        assert_eq!(shown.from.as_deref(), Some("Incident commander 1"));
        assert_eq!(shown.to.as_deref(), Some("Incident commander 2"));
        let command = TimelineEntry {
            kind: EntryKind::Command,
            run: Some(super::super::CommandRun {
                outcome: super::super::Outcome::Exited(0),
                duration_ms: 5,
                output: Some("token for frank".into()),
                output_lines: Some(1),
            }),
            ..note
        };
        let run = p.entry(&command).unwrap().run.unwrap();
        assert_eq!(run.output, None);
        assert_eq!(run.output_lines, None);
    }

    #[test]
    fn authorship_counts_only_the_entries_given() {
        assert!(authorship(&[]).is_empty());
        let at = |m: i64| {
            DateTime::parse_from_rfc3339("2026-11-26T14:00:00Z")
                .unwrap()
                .with_timezone(&Utc)
                + chrono::TimeDelta::minutes(m)
        };
        let entry = |author: &str, m: i64| TimelineEntry {
            id: m,
            ..TimelineEntry::sample(EntryKind::Note, "", at(m), author)
        };
        let list = authorship(&[entry("Bob", 5), entry("alice", 2), entry("bob", 1)]);
        assert_eq!(list.len(), 2);
        assert_eq!((list[0].name.as_str(), list[0].entries), ("Bob", 2));
        assert_eq!(list[0].first_at, at(1));
        assert_eq!((list[1].name.as_str(), list[1].entries), ("alice", 1));
    }
}
