//! Two copies of one record become one, by the rules of its kind
//! ([`super::Rule`]), and what an import did to each incident.
//!
//! Every rule picks a winner by comparing values that only grow (the later
//! change of a field) or only shrink (the earlier copy, the first
//! setting), so a merge gives the same record whichever copy is here and
//! which in the file, merging twice changes nothing, and three databases
//! that exchange files in any order end with the same records.

use serde_json::{Map, Value};

use super::{Changed, ExEntry, Record, Rule};

/// The kinds of records, as an import counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Incident,
    Entry,
    Task,
    Description,
    Factor,
    Action,
    Lesson,
    ChecklistItem,
    UpdatePost,
}

impl RecordKind {
    pub const ALL: [RecordKind; 9] = [
        RecordKind::Incident,
        RecordKind::Entry,
        RecordKind::Task,
        RecordKind::Description,
        RecordKind::Factor,
        RecordKind::Action,
        RecordKind::Lesson,
        RecordKind::ChecklistItem,
        RecordKind::UpdatePost,
    ];

    /// The words for `n` of them, such as "3 timeline entries".
    pub fn count(self, n: usize) -> String {
        let many = match self {
            RecordKind::Entry => "timeline entries".to_string(),
            other => format!("{}s", other.name()),
        };
        if n == 1 {
            format!("1 {}", self.name())
        } else {
            format!("{n} {many}")
        }
    }

    /// The name of one, in messages about it.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Incident => "incident",
            RecordKind::Entry => "timeline entry",
            RecordKind::Task => "task",
            RecordKind::Description => "description",
            RecordKind::Factor => "factor",
            RecordKind::Action => "action item",
            RecordKind::Lesson => "lesson",
            RecordKind::ChecklistItem => "checklist item",
            RecordKind::UpdatePost => "update post",
        }
    }
}

/// The result of merging a copy from a file into the copy here.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    /// The record as both databases will hold it.
    pub record: T,
    /// The groups of fields taken from the file (`text`, `done`, ...;
    /// `made` when the file's copy was made first).
    pub taken: Vec<String>,
    /// The two copies were made differently (a fixed field differs, which
    /// no command does: a file edited by hand, a message imported from
    /// Slack after it was edited); the copy made first is kept, here and
    /// in every database that merges both.
    pub made_differently: bool,
}

/// Merges `there` (the file's copy) into `here` by `T`'s rules.
pub fn merge<T: Record>(here: &T, there: &T) -> Merged<T> {
    let (mut value, taken, made_differently) =
        merge_values(T::RULES, &object(here), &object(there));
    value.remove("incident");
    Merged {
        record: serde_json::from_value(Value::Object(value)).expect("merged from two records"),
        taken,
        made_differently,
    }
}

/// Merges two copies of a timeline entry, each with the UUID of the
/// incident it is on in its database: a move is a change like any other,
/// and the merged entry is on the incident the later move put it on.
pub fn merge_entry(
    (here, here_incident): (&ExEntry, &str),
    (there, there_incident): (&ExEntry, &str),
) -> (Merged<ExEntry>, String) {
    let with_incident = |entry: &ExEntry, incident: &str| {
        let mut map = object(entry);
        map.insert("incident".into(), Value::String(incident.to_string()));
        map
    };
    let mut rules = ExEntry::RULES.to_vec();
    rules.push(ExEntry::INCIDENT);
    let (mut value, taken, made_differently) = merge_values(
        &rules,
        &with_incident(here, here_incident),
        &with_incident(there, there_incident),
    );
    let incident = match value.remove("incident") {
        Some(Value::String(s)) => s,
        _ => here_incident.to_string(),
    };
    let record = serde_json::from_value(Value::Object(value)).expect("merged from two records");
    (
        Merged {
            record,
            taken,
            made_differently,
        },
        incident,
    )
}

fn object<T: Record>(record: &T) -> Map<String, Value> {
    match serde_json::to_value(record).expect("a record is plain data") {
        Value::Object(map) => map,
        _ => unreachable!("a record is an object"),
    }
}

/// [`merge`] over the records' fields as JSON objects, by `rules`: the
/// merged object, the groups taken from `there`, and whether the copies
/// were made differently.
pub fn merge_values(
    rules: &[(&str, Rule)],
    here: &Map<String, Value>,
    there: &Map<String, Value>,
) -> (Map<String, Value>, Vec<String>, bool) {
    let mut out = here.clone();
    let mut taken = Vec::new();
    let changed_here = changed_of(here);
    let changed_there = changed_of(there);
    let mut changed = Changed::new();

    // The copy made first, with everything fixed when it was made.
    let made: Vec<&str> = rules
        .iter()
        .filter(|(_, r)| matches!(r, Rule::Made | Rule::Fixed))
        .map(|(name, _)| *name)
        .collect();
    let fixed_here = values(here, &made);
    let fixed_there = values(there, &made);
    // Made differently: what the record says when made differs (when and
    // by whom may: see `Rule::Made`).
    let fixed: Vec<&str> = rules
        .iter()
        .filter(|(_, r)| *r == Rule::Fixed)
        .map(|(name, _)| *name)
        .collect();
    let mut made_differently = values(here, &fixed) != values(there, &fixed);
    if fixed_there < fixed_here {
        copy(&mut out, there, &made);
        taken.push("made".to_string());
    }

    let mut groups: Vec<(&str, bool)> = Vec::new();
    for (_, rule) in rules {
        let group = match rule {
            Rule::Edit(g) => (*g, false),
            Rule::Once(g) => (*g, true),
            _ => continue,
        };
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    for (group, once) in groups {
        let fields: Vec<&str> = rules
            .iter()
            .filter(|(_, r)| matches!(r, Rule::Edit(g) | Rule::Once(g) if *g == group))
            .map(|(name, _)| *name)
            .collect();
        let clock_here = changed_here.get(group).cloned();
        let clock_there = changed_there.get(group).cloned();
        let values_here = values(here, &fields);
        let values_there = values(there, &fields);
        let take_there = if once {
            // Set once: set is more than unset; set twice, the first wins.
            let set = |v: &[String]| v.first().is_some_and(|f| f != "null");
            match (set(&values_here), set(&values_there)) {
                (false, true) => true,
                (true, true) => (&clock_there, &values_there) < (&clock_here, &values_here),
                _ => false,
            }
        } else {
            // Changed by people: the later change wins. A tie goes to the
            // greater value, so every database takes the same one. Two
            // machines that saw the same later clock (a third machine's,
            // running ahead) and then changed one field each get the same
            // change clock: a change made at once on both. Values that
            // differ with no change on either side were not made by inc.
            if clock_here.is_none() && clock_there.is_none() && values_here != values_there {
                made_differently = true;
            }
            (&clock_there, &values_there) > (&clock_here, &values_here)
        };
        let clock = if take_there {
            copy(&mut out, there, &fields);
            taken.push(group.to_string());
            clock_there
        } else {
            clock_here
        };
        if let Some(clock) = clock {
            changed.insert(group.to_string(), clock);
        }
    }
    if rules.iter().any(|(_, r)| *r == Rule::Changed) {
        let map: Map<String, Value> = changed
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect();
        out.insert("changed".into(), Value::Object(map));
    }
    (out, taken, made_differently)
}

fn changed_of(record: &Map<String, Value>) -> Changed {
    record
        .get("changed")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// The fields' values as JSON text, to compare as a whole.
fn values(record: &Map<String, Value>, fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .map(|f| record.get(*f).unwrap_or(&Value::Null).to_string())
        .collect()
}

fn copy(out: &mut Map<String, Value>, from: &Map<String, Value>, fields: &[&str]) {
    for f in fields {
        out.insert(
            (*f).to_string(),
            from.get(*f).cloned().unwrap_or(Value::Null),
        );
    }
}

/// What an import did to one incident.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncidentMerge {
    /// The local id.
    pub id: i64,
    pub title: String,
    /// The incident was new here.
    pub new: bool,
    /// Records added, per kind.
    pub added: Vec<(RecordKind, usize)>,
    /// Records already here as they are in the file.
    pub unchanged: usize,
    /// Records changed here by the file: one line each.
    pub updated: Vec<String>,
    /// Records whose two copies were made differently: one line each (the
    /// copy made first is kept everywhere).
    pub made_differently: Vec<String>,
}

impl IncidentMerge {
    pub fn add(&mut self, kind: RecordKind) {
        match self.added.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => {
                self.added.push((kind, 1));
                self.added.sort();
            }
        }
    }

    pub fn added_total(&self) -> usize {
        self.added.iter().map(|(_, n)| n).sum()
    }

    /// Counts a record merged into its copy here, saying what changed.
    pub fn merged<T: Record>(&mut self, kind: RecordKind, merged: &Merged<T>) {
        if merged.made_differently {
            self.made_differently.push(format!(
                "{} {} ({}) differs here and in the file with no change to tell them apart \
                 (was the file edited by hand?); every database keeps the same one",
                kind.name(),
                merged.record.label(),
                merged.record.uuid()
            ));
        }
        let taken: Vec<&str> = merged
            .taken
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "made")
            .collect();
        if taken.is_empty() {
            if !merged.made_differently {
                self.unchanged += 1;
            }
        } else {
            self.updated.push(format!(
                "{} {}: {} as in the file",
                kind.name(),
                merged.record.label(),
                taken.join(", ")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::ExTask;
    use super::*;

    fn task(clock: &str) -> ExTask {
        ExTask {
            uuid: "01a21827-ef00-7d63-a479-902771e55101".into(),
            clock: clock.into(),
            body: "restart the queue".into(),
            owner: None,
            created_at: "2026-11-26T10:00:00.000Z".into(),
            created_by: "alice".into(),
            done_at: None,
            done_by: None,
            changed: Changed::new(),
        }
    }

    const C1: &str = "2026-11-26T10:00:00.000000000Z";
    const C2: &str = "2026-11-26T10:05:00.000000000Z";
    const C3: &str = "2026-11-26T10:06:00.000000000Z";

    fn edited(mut t: ExTask, owner: &str, clock: &str) -> ExTask {
        t.owner = Some(owner.into());
        t.changed.insert("owner".into(), clock.into());
        t
    }

    fn done(mut t: ExTask, by: &str, clock: &str) -> ExTask {
        t.done_at = Some(clock[..23].to_string() + "Z");
        t.done_by = Some(by.into());
        t.changed.insert("done".into(), clock.into());
        t
    }

    #[test]
    fn the_later_edit_wins_on_both_sides() {
        let a = edited(task(C1), "bob", C2);
        let b = edited(task(C1), "carol", C3);
        let ab = merge(&a, &b);
        let ba = merge(&b, &a);
        assert_eq!(ab.record, ba.record);
        assert_eq!(ab.record.owner.as_deref(), Some("carol"));
        assert_eq!(ab.taken, ["owner"]);
        assert!(ba.taken.is_empty());
        // An edit beats the value the record was made with.
        assert_eq!(merge(&task(C1), &a).record, a);
        assert_eq!(merge(&a, &task(C1)).record, a);
    }

    #[test]
    fn set_once_stays_set_and_the_first_setting_wins() {
        let a = done(task(C1), "bob", C3);
        let b = done(task(C1), "carol", C2);
        assert_eq!(merge(&task(C1), &a).record, a);
        assert_eq!(merge(&a, &task(C1)).record, a);
        assert_eq!(merge(&a, &b).record, b);
        assert_eq!(merge(&b, &a).record, b);
    }

    #[test]
    fn an_item_two_machines_attach_is_one_item_made_first() {
        use super::super::ExChecklistItem;
        // Security turned on on two machines: the same item (its UUID
        // derived from the incident's), attached by each at its own time.
        let item = |clock: &str, by: &str| ExChecklistItem {
            uuid: "82607462-26cf-5213-8e66-3a3b73213c58".into(),
            clock: clock.into(),
            position: 1,
            area: "legal".into(),
            body: "notify the regulator".into(),
            created_at: clock[..23].to_string() + "Z",
            created_by: by.into(),
            done_at: None,
            done_by: None,
            note: None,
            changed: Changed::new(),
        };
        let (a, b) = (item(C1, "alice"), item(C2, "bob"));
        let ab = merge(&a, &b);
        let ba = merge(&b, &a);
        assert_eq!(ab.record, a);
        assert_eq!(ba.record, a);
        assert!(!ab.made_differently && !ba.made_differently);
        assert!(ab.taken.is_empty());
        assert_eq!(ba.taken, ["made"]);
        // What it says still has to agree.
        let mut c = item(C2, "bob");
        c.body = "notify the insurer".into();
        assert!(merge(&a, &c).made_differently);
    }

    #[test]
    fn copies_made_differently_keep_the_first_everywhere() {
        let mut a = task(C2);
        a.body = "restart the queue now".into();
        let b = task(C1);
        let ab = merge(&a, &b);
        assert!(ab.made_differently);
        assert_eq!(ab.record.clock, C1);
        assert_eq!(ab.record, merge(&b, &a).record);
        // The text is edited like any field: never edited on either side,
        // one text is taken by its value, the same on both sides.
        assert_eq!(ab.record.body, merge(&b, &a).record.body);
    }

    #[test]
    fn merging_is_the_same_in_any_order() {
        let copies = [
            task(C1),
            edited(task(C1), "bob", C2),
            done(task(C1), "dave", C3),
            edited(done(task(C1), "erin", C2), "carol", C3),
        ];
        let fold = |order: &[usize]| {
            order
                .iter()
                .skip(1)
                .fold(copies[order[0]].clone(), |acc, &i| {
                    merge(&acc, &copies[i]).record
                })
        };
        let first = fold(&[0, 1, 2, 3]);
        for order in [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            assert_eq!(fold(&order), first, "{order:?}");
        }
        assert_eq!(merge(&first, &first).record, first);
    }
}
