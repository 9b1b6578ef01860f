//! `inc review --interactive`: walks through what the review still lacks
//! (the description, contributing factors, action items, lessons), asking
//! in the terminal and saving each answer as it is given.

use anyhow::Result;

use crate::commands::Context;
use crate::commands::ask::{Asker, Cancelled};
use crate::commands::describe::ask_each_missing;
use crate::error::UserError;
use crate::model::{
    ActionType, Description, FactorKind, IncidentRef, LessonKind, Priority, clean_name, clean_text,
    parse_due,
};
use crate::report::text::safe_line;
use crate::store::NewAction;

/// How much of the review is written, read before asking.
pub struct Written<'a> {
    pub description: &'a Description,
    pub factors: usize,
    pub actions: usize,
    pub lessons: usize,
}

/// Asks for each missing part of the review of incident `id`. Every item
/// is saved as soon as it is complete, so stopping halfway loses only the
/// item being typed.
pub fn walk(ctx: &Context, id: i64, written: &Written<'_>) -> Result<()> {
    walk_through(ctx, id, written).map_err(|e| {
        if e.is::<Cancelled>() {
            let typed = ctx
                .store_local()
                .and_then(|s| s.incident(IncidentRef::Id(id)))
                .map_or_else(|_| id.to_string(), |i| i.number.bare());
            UserError::new("cancelled; the answers given before this question are saved")
                .hint(format!(
                    "`inc review --interactive -i {typed}` asks for what is still missing; inc factor, action and lesson add more"
                ))
                .into()
        } else {
            e
        }
    })
}

fn walk_through(ctx: &Context, id: i64, written: &Written<'_>) -> Result<()> {
    let ask = Asker::new(
        ctx,
        "--interactive asks questions",
        "use inc describe, inc factor add, inc action add and inc lesson add",
    )?;
    let target = IncidentRef::Id(id);
    let author = ctx.author()?;
    let d = written.description;
    if d.summary.is_none() || d.impact.is_none() || d.scope.is_none() || d.detection.is_none() {
        eprintln!("The description:");
        ask_each_missing(&ask, d, |part| {
            ctx.store_for_change()?.describe(target, &author, &part)?;
            Ok(())
        })?;
    }
    if written.factors == 0 {
        eprintln!("Contributing factors: the causes, technical or not. An empty answer goes on.");
        let kinds = names(FactorKind::ALL);
        while let Some(text) = item(&ask, "Contributing factor", "factor")? {
            let kind = FactorKind::ALL[ask.select("Kind", &kinds, 0)?];
            ctx.store_for_change()?
                .add_factor(target, &author, &text, kind)?;
        }
    }
    if written.actions == 0 {
        eprintln!(
            "Action items: what will be done so it does not happen again. An empty answer goes on."
        );
        let priorities = names(Priority::ALL);
        let mut types = vec!["(none)".to_string()];
        types.extend(names(ActionType::ALL));
        let today = ctx.zone()?.date(ctx.now());
        while let Some(text) = item(&ask, "Action item", "action item")? {
            let owner = loop {
                match clean_name("owner", &ask.text("Owner", true)?) {
                    Ok(owner) => break owner,
                    Err(e) => eprintln!("{}", safe_line(&e.to_string())),
                }
            };
            let priority = Priority::ALL[ask.select("Priority", &priorities, 1)?];
            let action_type = match ask.select("Type", &types, 0)? {
                0 => None,
                n => Some(ActionType::ALL[n - 1]),
            };
            let due = loop {
                let answer = ask.text("Due (a date, +2w, or empty for none)", false)?;
                if answer.is_empty() {
                    break None;
                }
                match parse_due(&answer, today) {
                    Ok(due) => break Some(due),
                    Err(e) => eprintln!("{}", safe_line(&e.to_string())),
                }
            };
            let new = NewAction {
                text,
                owner,
                due,
                priority,
                action_type,
                link: None,
            };
            ctx.store_for_change()?.add_action(target, &author, &new)?;
        }
    }
    if written.lessons == 0 {
        eprintln!(
            "Lessons: what went well, what went wrong, where you were lucky. An empty answer goes on."
        );
        let kinds = names(LessonKind::ALL);
        while let Some(text) = item(&ask, "Lesson", "lesson")? {
            let kind = LessonKind::ALL[ask.select("Kind", &kinds, 0)?];
            ctx.store_for_change()?
                .add_lesson(target, &author, &text, kind)?;
        }
    }
    Ok(())
}

/// The next item's text, or None when the answer is empty.
fn item(ask: &Asker, question: &str, what: &str) -> Result<Option<String>> {
    loop {
        let answer = ask.text(question, false)?;
        if answer.is_empty() {
            return Ok(None);
        }
        match clean_text(what, &answer) {
            Ok(text) => return Ok(Some(text)),
            Err(e) => eprintln!("{}", safe_line(&e.to_string())),
        }
    }
}

fn names<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
    all.iter().map(ToString::to_string).collect()
}
