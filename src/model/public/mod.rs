//! The public review's rules: who may be named and what may be shown when
//! a review leaves the company. Each person (whoever wrote, acted, held
//! command or a role) becomes their part in the incident ("Incident
//! commander", "Scribe", "Responder 2"), also where their name is written
//! inside free text; teams, services and products stay as written. Notes
//! for responders only, internal status updates and captured command
//! output are left out. Pure: it maps model values to model values, for
//! the usual renderers.

use std::collections::BTreeMap;

mod matcher;

use matcher::{Found, Matcher, Pattern};

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
        others.extend(e.actor.as_deref());
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
    // An action item's owner who did none of the above is a team, unless
    // the config says otherwise ([`Rules::people`]).
    people.review_owner = r.incident.review_owner.as_deref();
    people
}

/// The people of an incident and what stands for each in a public review.
pub fn pseudonyms(r: &Records<'_>, rules: &Rules) -> Pseudonyms {
    Pseudonyms::new(&people(r), rules)
}

/// The public version of an incident's records: each person named by
/// their part in the response, everywhere (see [`Pseudonyms`]); notes for
/// responders only, updates not written for customers and captured
/// command output left out; where the response happened dropped.
pub fn public(r: &Records<'_>, rules: &Rules) -> PublicRecords {
    let p = pseudonyms(r, rules);
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
#[derive(Debug)]
pub struct Pseudonyms {
    /// Each person's name, folded, with what stands for them.
    by_name: BTreeMap<String, String>,
    /// What stands for each person, with their name as first written.
    named: BTreeMap<String, String>,
    /// Each word of a name of several words, folded, with what stands
    /// for it.
    parts: BTreeMap<String, String>,
    /// The words the config keeps, folded.
    keep: Vec<String>,
    /// Names, their parts, and the words the config keeps or redacts.
    matcher: Matcher<Stand>,
}

/// What a name found in text stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stand {
    /// A person, replaced by their part in the response.
    Person(String),
    /// A word the config keeps as written (a product, a status account).
    Keep,
    /// A word the config redacts.
    Redact,
}

/// What the config says about the public review (`[public]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    /// Action item owners who are people, not teams.
    pub people: Vec<String>,
    /// Words kept as written even where they are part of a name.
    pub keep: Vec<String>,
    /// Words replaced by "[redacted]" wherever they stand.
    pub redact: Vec<String>,
}

/// What stands in for a word the config redacts.
pub const REDACTED: &str = "[redacted]";

/// The people an incident names, by their part in it.
#[derive(Debug, Clone, Default)]
pub struct People<'a> {
    /// Each commander, in handoff order (repeats allowed).
    pub commanders: Vec<&'a str>,
    /// Each role given (role, holder), in the order given.
    pub roles: Vec<(&'a str, &'a str)>,
    /// Everyone else who wrote or did something (authors, task owners,
    /// ...), in order of appearance (repeats and the people above
    /// allowed).
    pub others: Vec<&'a str>,
    /// Who owns the review document: "Review owner" unless named above.
    pub review_owner: Option<&'a str>,
}

fn key(name: &str) -> String {
    matcher::fold(name.trim()).text
}

/// `scribe` → `Scribe`.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// What a public review calls whoever held a role: "Communications lead"
/// for `comms`, "Scribe" for `scribe`, a role of the team's own as named.
pub fn role_title(role: &str) -> String {
    match role.trim().to_lowercase().as_str() {
        "comms" => "Communications lead".to_string(),
        "sme" => "Subject-matter expert".to_string(),
        "deputy" => "Deputy commander".to_string(),
        "ops" => "Operations lead".to_string(),
        other => capitalized(other),
    }
}

/// The names of one word and the words of longer names (folded) that the
/// records always write with a capital: "Will" and "Price" of "Will Price",
/// not "alice" nor a word someone wrote in lower case.
fn written_with_capitals<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut upper: Vec<String> = Vec::new();
    let mut lower: Vec<String> = Vec::new();
    for name in names {
        let words = parts(name);
        let words = if words.is_empty() {
            vec![name.trim()]
        } else {
            words
        };
        for w in words {
            match w.chars().next() {
                Some(c) if c.is_uppercase() => upper.push(key(w)),
                Some(c) if c.is_lowercase() => lower.push(key(w)),
                _ => {}
            }
        }
    }
    upper.retain(|w| !lower.contains(w));
    upper
}

/// The words of a name written as several words, each of two characters
/// or more: "Ingrid", "Nakamura" for "Ingrid Nakamura". None for a name of
/// one word, a handle or a team joined by hyphens or dots
/// (`payments-team`, `wen.zhao`), which are found whole.
fn parts(name: &str) -> Vec<&str> {
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !matcher::is_word(c)))
        .filter(|w| w.chars().count() >= 2)
        .collect();
    if words.len() < 2 { Vec::new() } else { words }
}

impl Pseudonyms {
    pub fn new(people: &People<'_>, rules: &Rules) -> Pseudonyms {
        let mut by_name: BTreeMap<String, String> = BTreeMap::new();
        let everyone = || {
            people
                .commanders
                .iter()
                .chain(people.roles.iter().map(|(_, name)| name))
                .chain(&people.others)
                .copied()
                .chain(people.review_owner)
                .chain(rules.people.iter().map(String::as_str))
        };
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
                    role_title(role)
                } else {
                    format!("{} {}", role_title(role), i + 1)
                };
                by_name.insert(k.clone(), label);
            }
        }
        // Everyone else, then the owners the config says are people.
        let mut n = 0;
        let others = people
            .others
            .iter()
            .copied()
            .chain(rules.people.iter().map(String::as_str));
        for k in distinct(&mut others.into_iter()) {
            if let std::collections::btree_map::Entry::Vacant(slot) = by_name.entry(k) {
                n += 1;
                slot.insert(format!("Responder {n}"));
            }
        }
        if let Some(owner) = people.review_owner.map(key).filter(|k| !k.is_empty()) {
            by_name
                .entry(owner)
                .or_insert_with(|| "Review owner".to_string());
        }
        // Each part of a name of several words stands for its person; a
        // part two people share stands for either. Where the records write
        // the name with capitals ("Will Price"), a part counts only when
        // written with one too: "Price paged", not "the price rose".
        let capitalized = written_with_capitals(everyone());
        let mut part_labels: BTreeMap<String, String> = BTreeMap::new();
        for (k, v) in &by_name {
            for w in parts(k) {
                if by_name.contains_key(w) {
                    continue;
                }
                part_labels
                    .entry(w.to_string())
                    .and_modify(|label| {
                        if label != v {
                            *label = "a responder".to_string();
                        }
                    })
                    .or_insert_with(|| v.clone());
            }
        }
        // Kept words first: where one is as long as a name, it wins.
        let pattern = |name: &str, capital_only, what| Pattern {
            name: name.to_string(),
            capital_only,
            what,
        };
        let patterns = rules
            .keep
            .iter()
            .map(|w| pattern(w, false, Stand::Keep))
            .chain(by_name.iter().map(|(k, v)| {
                // A name of one word written with a capital ("Will") counts
                // only with one, as a part of a name does.
                let single = !k.contains(char::is_whitespace);
                pattern(
                    k,
                    single && capitalized.contains(k),
                    Stand::Person(v.clone()),
                )
            }))
            .chain(
                part_labels
                    .iter()
                    .map(|(k, v)| pattern(k, capitalized.contains(k), Stand::Person(v.clone()))),
            )
            .chain(
                rules
                    .redact
                    .iter()
                    .map(|w| pattern(w, false, Stand::Redact)),
            )
            .collect();
        let mut named = BTreeMap::new();
        for name in everyone() {
            if let Some(label) = by_name.get(&key(name)) {
                named
                    .entry(label.clone())
                    .or_insert_with(|| name.trim().to_string());
            }
        }
        Pseudonyms {
            by_name,
            named,
            parts: part_labels,
            keep: rules.keep.iter().map(|w| key(w)).collect(),
            matcher: Matcher::new(patterns),
        }
    }

    /// What stands for a person: their part, or, for a name not known
    /// (a team owning an action item), the name with any known names in
    /// it replaced.
    pub fn name(&self, name: &str) -> String {
        self.by_name
            .get(&key(name))
            .cloned()
            .unwrap_or_else(|| self.text(name))
    }

    /// Free text with every known name replaced by what stands for that
    /// person, wherever it is written as a word (see [`matcher`]).
    /// An @mention of someone inc does not know becomes "someone"; an
    /// email address is kept unless a known name is in it.
    pub fn text(&self, text: &str) -> String {
        let found = self.matcher.find(text);
        let person_in = |start: usize, end: usize| {
            found
                .iter()
                .filter(|f| f.start >= start && f.end <= end)
                .find_map(|f| match f.what {
                    Stand::Person(label) => Some(label.as_str()),
                    _ => None,
                })
        };
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut names = found.iter().peekable();
        for span in at_signs(text) {
            if span.start < at {
                continue;
            }
            // The names before this span, as they are.
            while let Some(f) = names.next_if(|f| f.start < span.start) {
                if f.start >= at {
                    out.push_str(&text[at..f.start]);
                    self.replace(&mut out, text, f);
                    at = f.end;
                }
            }
            if span.start < at {
                continue;
            }
            out.push_str(&text[at..span.start]);
            let written = &text[span.start..span.end];
            let mut end = span.end;
            match span.kind {
                _ if self.kept(written) => out.push_str(written),
                AtSign::Email => {
                    let local = &written[..written.find('@').unwrap_or(0)];
                    let redacted = found.iter().any(|f| {
                        f.start >= span.start && f.end <= span.end && *f.what == Stand::Redact
                    });
                    match self
                        .handle(local)
                        .or_else(|| person_in(span.start, span.end))
                    {
                        Some(label) => out.push_str(label),
                        None if redacted => out.push_str(REDACTED),
                        None => out.push_str(written),
                    }
                }
                AtSign::Mention => {
                    let handle = &written[1..];
                    // A known name right after the `@`, however it goes on
                    // ("@Bob Builder", "@O'Brien"): replaced whole.
                    let named = found.iter().find_map(|f| match f.what {
                        Stand::Person(label) if f.start == span.start + 1 => Some((label, f.end)),
                        _ => None,
                    });
                    match named {
                        Some((label, name_end)) => {
                            out.push_str(label);
                            end = end.max(name_end);
                        }
                        None => match self.handle(handle) {
                            Some(label) => out.push_str(label),
                            None if self.kept(handle)
                                || EVERYONE.contains(&key(handle).as_str()) =>
                            {
                                out.push_str(written);
                            }
                            None => out.push_str("someone"),
                        },
                    }
                }
            }
            at = end;
        }
        for f in names {
            if f.start >= at {
                out.push_str(&text[at..f.start]);
                self.replace(&mut out, text, f);
                at = f.end;
            }
        }
        out.push_str(&text[at..]);
        out
    }

    /// The first person named in `text`, by their name as recorded (or as
    /// written, for a word two people share), for the review's check.
    pub fn person_in(&self, text: &str) -> Option<String> {
        self.matcher
            .find(text)
            .into_iter()
            .find_map(|f| match f.what {
                Stand::Person(label) => Some(
                    self.named
                        .get(label)
                        .cloned()
                        .unwrap_or_else(|| text[f.start..f.end].to_string()),
                ),
                _ => None,
            })
    }

    /// Who a handle (`wen`, `wen.zhao`, `wen_z`) or an email address's
    /// local part stands for, if it names a known person or a part of a
    /// known name, written in any case.
    fn handle(&self, handle: &str) -> Option<&str> {
        let k = key(handle);
        let spaced = k.replace(['.', '_', '-', '+'], " ");
        [k.as_str(), spaced.as_str()]
            .into_iter()
            .chain(spaced.split(' '))
            .find_map(|w| self.by_name.get(w).or_else(|| self.parts.get(w)))
            .map(String::as_str)
    }

    /// Whether the config keeps a word or handle as written.
    fn kept(&self, written: &str) -> bool {
        self.keep.contains(&key(written))
    }

    /// Writes what stands for one name found in `text`.
    fn replace(&self, out: &mut String, text: &str, f: &Found<'_, Stand>) {
        match f.what {
            Stand::Person(label) => out.push_str(label),
            Stand::Keep => out.push_str(&text[f.start..f.end]),
            Stand::Redact => out.push_str(REDACTED),
        }
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
            review_owner: self.opt_name(i.review_owner.as_ref()),
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
            triggered_by: self.opt_text(d.triggered_by.as_ref()),
            resolution: self.opt_text(d.resolution.as_ref()),
            long_term: self.opt_text(d.long_term.as_ref()),
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
            actor: self.opt_name(e.actor.as_ref()),
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
            // Where the work is tracked is internal, like the incident's
            // own ticket.
            link: None,
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

/// Mentions that name no one: `@here`, `@channel`, `@everyone`.
const EVERYONE: [&str; 3] = ["here", "channel", "everyone"];

/// What an `@` in text begins or belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtSign {
    /// `ops@example.com`.
    Email,
    /// `@marco`.
    Mention,
}

/// An email address or @mention and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AtSpan {
    start: usize,
    end: usize,
    kind: AtSign,
}

/// The email addresses and @mentions of a text, in order.
fn at_signs(text: &str) -> Vec<AtSpan> {
    let handle = |c: char| matcher::is_word(c) || c == '.' || c == '-';
    let mut spans: Vec<AtSpan> = Vec::new();
    for (at, _) in text.match_indices('@') {
        if spans.last().is_some_and(|s| s.end > at) {
            continue;
        }
        let after = &text[at + 1..];
        // An apostrophe inside a handle is part of it (`@O'Connor`).
        let mut len = 0;
        let mut chars = after.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inside = matches!(c, '\'' | '\u{2019}')
                && i > 0
                && chars.peek().is_some_and(|(_, n)| matcher::is_word(*n));
            if !(handle(c) || inside) {
                break;
            }
            len = i + c.len_utf8();
        }
        // A dot or hyphen ends a sentence more often than a handle.
        let end = at + 1 + after[..len].trim_end_matches(['.', '-']).len();
        let before = &text[..at];
        let local = before
            .rfind(|c: char| !(handle(c) || c == '+'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        if local < at {
            // Part of an email address, if what follows is a domain.
            if text[at + 1..end].contains('.') {
                spans.push(AtSpan {
                    start: local,
                    end,
                    kind: AtSign::Email,
                });
            }
        } else if end > at + 1 {
            spans.push(AtSpan {
                start: at,
                end,
                kind: AtSign::Mention,
            });
        }
    }
    spans
}

/// What `inc review --public --check` finds still in a public review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leak {
    /// A known person's name, whole.
    Name(String),
    /// A known person's name or a word of it, written in lower case where
    /// the records write it with a capital ("will" for "Will", "price" for
    /// "Will Price"): left because it is most often a plain word.
    Part(String),
    /// An email address.
    Email(String),
    /// An @mention of someone.
    Mention(String),
}

/// Every known name, part of a name, email address and @mention still in
/// `text` (a public review as rendered, read through markdown's backslash
/// escapes), once each, in order; words the config keeps are not reported.
pub fn leaks(r: &Records<'_>, rules: &Rules, text: &str) -> Vec<Leak> {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && next.is_ascii_punctuation() => {}
            _ => plain.push(c),
        }
    }
    let text = plain.as_str();
    let p = people(r);
    let mut names: Vec<&str> = p.commanders.clone();
    names.extend(p.roles.iter().map(|(_, name)| *name));
    names.extend(p.others.iter().copied());
    names.extend(p.review_owner);
    names.extend(rules.people.iter().map(String::as_str));
    let pattern = |name: &str, what: Option<bool>| Pattern {
        name: name.to_string(),
        capital_only: false,
        what,
    };
    // Some(true): a whole name; Some(false): a part; None: kept.
    let patterns = rules
        .keep
        .iter()
        .map(|w| pattern(w, None))
        .chain(names.iter().map(|n| pattern(n, Some(true))))
        .chain(
            names
                .iter()
                .flat_map(|n| parts(n))
                .map(|w| pattern(w, Some(false))),
        )
        .collect();
    let matcher: Matcher<Option<bool>> = Matcher::new(patterns);
    let kept = |written: &str| {
        rules
            .keep
            .iter()
            .any(|k| key(k) == key(written) || key(k) == key(written.trim_start_matches('@')))
    };
    let mut found: Vec<(usize, Leak)> = Vec::new();
    let caps = written_with_capitals(names.iter().copied());
    for f in matcher.find(text) {
        let written = text[f.start..f.end].to_string();
        // In lower case, a word the records write with a capital ("will"
        // for "Will", "price" for "Will Price") is most often a plain word.
        let plain_word = written.chars().next().is_some_and(char::is_lowercase)
            && (caps.contains(&key(&written)) || *f.what == Some(false));
        match f.what {
            Some(_) if plain_word => found.push((f.start, Leak::Part(written))),
            Some(_) => found.push((f.start, Leak::Name(written))),
            None => {}
        }
    }
    for span in at_signs(text) {
        let written = &text[span.start..span.end];
        match span.kind {
            AtSign::Email if !kept(written) => {
                found.push((span.start, Leak::Email(written.to_string())));
            }
            AtSign::Mention
                if !kept(written) && !EVERYONE.contains(&key(&written[1..]).as_str()) =>
            {
                found.push((span.start, Leak::Mention(written.to_string())));
            }
            _ => {}
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut leaks: Vec<Leak> = Vec::new();
    for (_, leak) in found {
        if !leaks.contains(&leak) {
            leaks.push(leak);
        }
    }
    leaks
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
        Pseudonyms::new(
            &People {
                commanders: vec!["alice", "Bob Stone", "alice"],
                roles: vec![("scribe", "carol"), ("comms", "dave"), ("comms", "Erin")],
                others: vec!["alice", "frank", "grace", "Frank", "carol"],
                review_owner: None,
            },
            &Rules::default(),
        )
    }

    #[test]
    fn people_become_their_part_in_the_incident() {
        let p = pseudonyms();
        assert_eq!(p.name("alice"), "Incident commander 1");
        assert_eq!(p.name(" ALICE "), "Incident commander 1");
        assert_eq!(p.name("bob stone"), "Incident commander 2");
        assert_eq!(p.name("carol"), "Scribe");
        assert_eq!(p.name("dave"), "Communications lead 1");
        assert_eq!(p.name("erin"), "Communications lead 2");
        assert_eq!(p.name("frank"), "Responder 1");
        assert_eq!(p.name("Grace"), "Responder 2");
        let one = Pseudonyms::new(
            &People {
                commanders: vec!["alice"],
                ..People::default()
            },
            &Rules::default(),
        );
        assert_eq!(one.name("alice"), "Incident commander");
    }

    #[test]
    fn names_in_text_are_replaced_as_whole_words_in_any_case() {
        let p = pseudonyms();
        assert_eq!(
            p.text("Alice asked BOB STONE and Bob to page Frank; frankly, carol's call."),
            "Incident commander 1 asked Incident commander 2 and Incident commander 2 to page Responder 1; frankly, Scribe's call."
        );
        // Longest first: "Bob Stone" is not left as "Bob" + "Stone".
        assert_eq!(p.text("bob stone."), "Incident commander 2.");
        // Not inside other words or addresses made of word characters.
        assert_eq!(p.text("malice alice_bot"), "malice alice_bot");
        assert_eq!(p.text("@alice: ping"), "Incident commander 1: ping");
        assert_eq!(p.text(""), "");
        assert_eq!(p.text("Ünïcode grace"), "Ünïcode Responder 2");
        assert_eq!(p.text("carol’s notes"), "Scribe’s notes");
    }

    #[test]
    fn parts_of_names_mentions_and_addresses() {
        let p = Pseudonyms::new(
            &People {
                commanders: vec!["Ingrid Nakamura", "Wen Zhao"],
                roles: vec![("scribe", "Ingrid Berg")],
                others: vec!["q", "Will Price"],
                review_owner: None,
            },
            &Rules::default(),
        );
        // Each part of a longer name is found when written as a name; one
        // two people share stands for either.
        assert_eq!(
            p.text("Nakamura paged Wen; Ingrid confirmed, Berg agreed"),
            "Incident commander 1 paged Incident commander 2; a responder confirmed, Scribe agreed"
        );
        // A part written as a plain word is a plain word.
        assert_eq!(
            p.text("the price will rise, Price said"),
            "the price will rise, Responder 2 said"
        );
        // A mention is a person even when inc does not know the name;
        // everyone-mentions and addresses without a known name stay.
        assert_eq!(
            p.text("@sören_k and @wen. cc @here, ops@example.com, wen.zhao@example.com"),
            "someone and Incident commander 2. cc @here, ops@example.com, Incident commander 2"
        );
    }

    #[test]
    fn teams_stay_and_the_config_keeps_redacts_and_names_people() {
        let people = People {
            commanders: vec!["alice"],
            roles: vec![("sme", "Ruby Chen")],
            others: vec![],
            review_owner: None,
        };
        let p = Pseudonyms::new(&people, &Rules::default());
        // An action owner who did nothing else is a team, kept.
        assert_eq!(p.name("payments-team"), "payments-team");
        assert_eq!(p.text("payments-svc OOMed"), "payments-svc OOMed");
        assert_eq!(
            p.text("Ruby gems broke"),
            "Subject-matter expert gems broke"
        );
        let rules = Rules {
            people: vec!["quentin".into()],
            keep: vec![
                "Ruby gems".into(),
                "@acmestatus".into(),
                "acmestatus".into(),
            ],
            redact: vec!["Project Falcon".into()],
        };
        let p = Pseudonyms::new(&people, &rules);
        assert_eq!(p.name("quentin"), "Responder 1");
        assert_eq!(
            p.text("Ruby gems broke; Ruby Chen saw it; @acmestatus posted about project falcon"),
            "Ruby gems broke; Subject-matter expert saw it; @acmestatus posted about [redacted]"
        );
    }

    #[test]
    fn mentions_of_long_names_letters_without_decomposition_and_plain_words() {
        let people = People {
            commanders: vec!["Bob Builder"],
            roles: vec![("scribe", "Søren"), ("sme", "Tom O'Brien")],
            others: vec!["Will", "max"],
            review_owner: None,
        };
        let rules = Rules {
            redact: vec!["Globex".into()],
            ..Rules::default()
        };
        let p = Pseudonyms::new(&people, &rules);
        assert_eq!(
            p.text("handing IC to @Bob Builder; @O'Brien and @O'Connor agree"),
            "handing IC to Incident commander; Subject-matter expert and someone agree"
        );
        assert_eq!(p.text("Soren paged SØREN"), "Scribe paged Scribe");
        assert_eq!(p.text("mail jane@globex.com"), "mail [redacted]");
        // A name of one word the records write with a capital counts only
        // with one; one written in lower case counts in any case.
        assert_eq!(
            p.text("Will said the pool will grow to max size"),
            "Responder 1 said the pool will grow to Responder 2 size"
        );
    }

    #[test]
    fn leaks_are_what_a_publisher_must_look_at() {
        let people_of = |entries: &[TimelineEntry]| {
            let incident = Incident::sample("alice");
            let r = Records {
                incident: &incident,
                description: &Description::default(),
                assignments: &[],
                roles: &[],
                past_roles: &[],
                entries,
                tasks: &[],
                factors: &[],
                actions: &[],
                lessons: &[],
                checklist: &[],
            };
            leaks(
                &r,
                &Rules {
                    keep: vec!["status@example.com".into()],
                    ..Rules::default()
                },
                "Will Price paged; the price rose; mail ops@example.com, status@example.com, @marco, @here",
            )
        };
        let at = DateTime::parse_from_rfc3339("2026-11-26T14:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let entries = [TimelineEntry::sample(
            EntryKind::Note,
            "x",
            at,
            "Will Price",
        )];
        assert_eq!(
            people_of(&entries),
            [
                Leak::Name("Will Price".into()),
                Leak::Part("price".into()),
                Leak::Email("ops@example.com".into()),
                Leak::Mention("@marco".into()),
            ]
        );
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
