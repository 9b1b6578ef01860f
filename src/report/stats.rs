//! `inc stats` as text for people, with the definitions beside the numbers,
//! and as JSON for scripts (fields documented in docs/json.md). Pure: the
//! range, zone and today's date are passed in.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use super::json::render;
use super::text::{duration, safe_line};
use crate::model::stats::{Metric, Spread, Stats};
use crate::model::{Severity, Status};
use crate::time::Zone;

/// What was asked for, to say it back.
#[derive(Debug, Clone)]
pub struct Scope {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub severity: Option<Severity>,
    pub include_drills: bool,
    /// Business days after the day of resolution.
    pub deadline_days: u32,
    /// Today in the display zone: what "overdue" is measured against.
    pub today: NaiveDate,
}

/// How the numbers are worked out, printed under them.
pub const DEFINITIONS: &[&str] = &[
    "Each time is measured from `started` (when impact began); shown to the minute above",
    "an hour (--json gives seconds).",
    "median: the middle value; with an even count, the mean of the two middle values.",
    "p90: 90th percentile by nearest rank: the value at rank ceil(0.9 x n) in ascending",
    "     order, so at least 90% of the incidents took that long or less.",
    "max: the longest. Medians, not means: incident durations are skewed, and one very",
    "     long incident pulls a mean far from the typical one.",
];

/// How many incomplete incidents the text names per metric; the count is
/// always given, and `--json` names them all.
const NAMED: usize = 10;

fn severities() -> impl Iterator<Item = Severity> {
    (Severity::WORST..=Severity::MILDEST).filter_map(Severity::new)
}

/// The text report.
pub fn text(stats: &Stats, scope: &Scope, zone: &Zone) -> String {
    let mut out = String::new();
    let range = match (scope.since, scope.until) {
        (None, None) => "all incidents".to_string(),
        (Some(s), None) => format!("incidents started from {}", zone.format(s)),
        (None, Some(u)) => format!("incidents started before {}", zone.format(u)),
        (Some(s), Some(u)) => format!(
            "incidents started from {} to before {}",
            zone.format(s),
            zone.format(u)
        ),
    };
    let sev = scope
        .severity
        .map(|s| format!(", {s} only"))
        .unwrap_or_default();
    let _ = writeln!(out, "Statistics of {range}{sev}");
    let drills = if scope.include_drills {
        "drills included".to_string()
    } else {
        match stats.drills_left_out {
            0 => "no drills left out".to_string(),
            1 => "1 drill left out (--include-drills counts it)".to_string(),
            n => format!("{n} drills left out (--include-drills counts them)"),
        }
    };
    let cancelled = match stats.cancelled_left_out {
        0 => String::new(),
        n => format!("; {n} cancelled left out"),
    };
    let _ = writeln!(
        out,
        "{}; {drills}{cancelled}",
        plural(stats.incidents, "incident")
    );
    if stats.incidents == 0 {
        return out;
    }

    let _ = writeln!(out);
    let sev_counts: Vec<String> = severities()
        .zip(stats.by_severity)
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    let _ = writeln!(out, "By severity:  {}", sev_counts.join("   "));
    let status_counts: Vec<String> = Status::ALL
        .iter()
        .zip(stats.by_status)
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    let _ = writeln!(out, "By status:    {}", status_counts.join("   "));

    let _ = writeln!(out);
    // The lines of the durations table: a row of cells, or a line of text.
    let mut lines: Vec<Result<(String, [String; 4]), String>> = Vec::new();
    for m in &stats.metrics {
        lines.push(Err(format!(
            "{} ({})",
            m.metric.name(),
            m.metric.definition()
        )));
        lines.push(Ok(spread_cells("  all", m.overall)));
        for (s, spread) in severities().zip(m.by_severity) {
            if stats.by_severity[sev_index(s)] > 0 {
                lines.push(Ok(spread_cells(&format!("  {s}"), spread)));
            }
        }
        if !m.incomplete.is_empty() {
            lines.push(Err(format!(
                "  {} ({}, left out of the numbers above):",
                m.metric.missing(),
                m.incomplete.len(),
            )));
            for n in m.incomplete.iter().take(NAMED) {
                lines.push(Err(format!("    #{} {}", n.id, safe_line(&n.title))));
            }
            if m.incomplete.len() > NAMED {
                lines.push(Err(format!(
                    "    and {} more (`inc stats --json` names them all)",
                    m.incomplete.len() - NAMED
                )));
            }
        }
    }
    // Each column as wide as its widest value, so that long durations
    // (`10d 13h 15m`) never run into the next.
    let header = ["n", "median", "p90", "max"].map(str::to_string);
    let mut widths = header.clone().map(|h| h.len());
    for (_, cells) in lines.iter().flatten() {
        for (w, c) in widths.iter_mut().zip(cells) {
            *w = (*w).max(c.chars().count());
        }
    }
    let row = |label: &str, cells: &[String; 4]| {
        let mut line = format!("{label:<12}");
        for (w, c) in widths.iter().zip(cells) {
            line.push_str(&format!("  {c:>w$}"));
        }
        line
    };
    let _ = writeln!(out, "{}", row("Durations", &header));
    for line in &lines {
        let _ = match line {
            Ok((label, cells)) => writeln!(out, "{}", row(label, cells)),
            Err(text) => writeln!(out, "{text}"),
        };
    }
    let _ = writeln!(out);
    for line in DEFINITIONS {
        let _ = writeln!(out, "{line}");
    }

    let r = &stats.reviews;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Review meetings of resolved incidents (deadline: {} after the day of resolution):",
        plural(scope.deadline_days as usize, "business day")
    );
    let _ = writeln!(
        out,
        "  on time {}   late {}   overdue {}   not yet due {}   (not resolved, not counted: {})",
        r.on_time,
        r.late,
        r.overdue.len(),
        r.not_yet_due,
        r.unresolved
    );
    for (named, deadline) in r.overdue.iter().take(NAMED) {
        let _ = writeln!(
            out,
            "  overdue: #{} {} (deadline {deadline})",
            named.id,
            safe_line(&named.title)
        );
    }
    if r.overdue.len() > NAMED {
        let _ = writeln!(
            out,
            "  and {} more overdue (`inc reviews` lists them all)",
            r.overdue.len() - NAMED
        );
    }

    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Open action items of these incidents: {} open, {} overdue (due before {})",
        stats.open_actions, stats.overdue_actions, scope.today
    );
    if !stats.actions.is_empty() {
        let owners: Vec<String> = stats
            .actions
            .iter()
            .map(|a| safe_line(&a.owner).into_owned())
            .collect();
        let width = owners
            .iter()
            .map(|o| o.chars().count())
            .max()
            .unwrap_or(0)
            .max("owner".len());
        let _ = writeln!(
            out,
            "  {:<width$}  {:>4}  {:>7}",
            "owner", "open", "overdue"
        );
        for (a, owner) in stats.actions.iter().zip(&owners) {
            let _ = writeln!(out, "  {owner:<width$}  {:>4}  {:>7}", a.open, a.overdue);
        }
    }
    out
}

fn sev_index(s: Severity) -> usize {
    usize::from(s.level() - Severity::WORST)
}

fn spread_cells(label: &str, spread: Option<Spread>) -> (String, [String; 4]) {
    let cells = match spread {
        Some(s) => [s.n.to_string(), secs(s.median), secs(s.p90), secs(s.max)],
        None => ["0", "-", "-", "-"].map(str::to_string),
    };
    (label.to_string(), cells)
}

/// A duration to the second under an hour (`7m 30s`), to the minute above
/// (`1h 05m`); JSON has the exact seconds.
fn secs(s: i64) -> String {
    if (60..3600).contains(&s) && s % 60 != 0 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        duration(TimeDelta::seconds(s))
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[derive(Serialize)]
struct StatsJson<'a> {
    since: Option<String>,
    until: Option<String>,
    severity: Option<String>,
    include_drills: bool,
    incidents: usize,
    drills_left_out: usize,
    cancelled_left_out: usize,
    by_severity: PerSeverity<usize>,
    by_status: PerStatus,
    time_to_detect: MetricJson<'a>,
    time_to_mitigate: MetricJson<'a>,
    time_to_resolve: MetricJson<'a>,
    reviews: ReviewsJson<'a>,
    actions: ActionsJson<'a>,
}

#[derive(Serialize)]
struct PerSeverity<T> {
    #[serde(rename = "SEV1")]
    sev1: T,
    #[serde(rename = "SEV2")]
    sev2: T,
    #[serde(rename = "SEV3")]
    sev3: T,
    #[serde(rename = "SEV4")]
    sev4: T,
}

impl<T> PerSeverity<T> {
    fn from([sev1, sev2, sev3, sev4]: [T; 4]) -> PerSeverity<T> {
        PerSeverity {
            sev1,
            sev2,
            sev3,
            sev4,
        }
    }
}

#[derive(Serialize)]
struct PerStatus {
    investigating: usize,
    identified: usize,
    monitoring: usize,
    resolved: usize,
}

#[derive(Serialize)]
struct SpreadJson {
    n: usize,
    median_seconds: Option<i64>,
    p90_seconds: Option<i64>,
    max_seconds: Option<i64>,
}

impl SpreadJson {
    fn from(s: Option<Spread>) -> SpreadJson {
        SpreadJson {
            n: s.map_or(0, |s| s.n),
            median_seconds: s.map(|s| s.median),
            p90_seconds: s.map(|s| s.p90),
            max_seconds: s.map(|s| s.max),
        }
    }
}

#[derive(Serialize)]
struct MetricJson<'a> {
    definition: &'static str,
    all: SpreadJson,
    by_severity: PerSeverity<SpreadJson>,
    incomplete: Vec<NamedJson<'a>>,
}

#[derive(Serialize)]
struct NamedJson<'a> {
    id: i64,
    title: &'a str,
}

#[derive(Serialize)]
struct OverdueJson<'a> {
    id: i64,
    title: &'a str,
    deadline: String,
}

#[derive(Serialize)]
struct ReviewsJson<'a> {
    deadline_business_days: u32,
    on_time: usize,
    late: usize,
    overdue: usize,
    not_yet_due: usize,
    not_resolved: usize,
    overdue_incidents: Vec<OverdueJson<'a>>,
}

#[derive(Serialize)]
struct ActionsJson<'a> {
    today: String,
    open: usize,
    overdue: usize,
    by_owner: Vec<OwnerJson<'a>>,
}

#[derive(Serialize)]
struct OwnerJson<'a> {
    owner: &'a str,
    open: usize,
    overdue: usize,
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// `inc stats --json`.
pub fn json(stats: &Stats, scope: &Scope) -> String {
    let metric = |m: Metric| {
        let s = stats
            .metrics
            .iter()
            .find(|s| s.metric == m)
            .expect("every metric is computed");
        MetricJson {
            definition: m.definition(),
            all: SpreadJson::from(s.overall),
            by_severity: PerSeverity::from(s.by_severity.map(SpreadJson::from)),
            incomplete: s
                .incomplete
                .iter()
                .map(|n| NamedJson {
                    id: n.id,
                    title: &n.title,
                })
                .collect(),
        }
    };
    let [investigating, identified, monitoring, resolved] = stats.by_status;
    let r = &stats.reviews;
    render(&StatsJson {
        since: scope.since.map(time),
        until: scope.until.map(time),
        severity: scope.severity.map(|s| s.to_string()),
        include_drills: scope.include_drills,
        incidents: stats.incidents,
        drills_left_out: stats.drills_left_out,
        cancelled_left_out: stats.cancelled_left_out,
        by_severity: PerSeverity::from(stats.by_severity),
        by_status: PerStatus {
            investigating,
            identified,
            monitoring,
            resolved,
        },
        time_to_detect: metric(Metric::Detect),
        time_to_mitigate: metric(Metric::Mitigate),
        time_to_resolve: metric(Metric::Resolve),
        reviews: ReviewsJson {
            deadline_business_days: scope.deadline_days,
            on_time: r.on_time,
            late: r.late,
            overdue: r.overdue.len(),
            not_yet_due: r.not_yet_due,
            not_resolved: r.unresolved,
            overdue_incidents: r
                .overdue
                .iter()
                .map(|(n, d)| OverdueJson {
                    id: n.id,
                    title: &n.title,
                    deadline: d.to_string(),
                })
                .collect(),
        },
        actions: ActionsJson {
            today: scope.today.to_string(),
            open: stats.open_actions,
            overdue: stats.overdue_actions,
            by_owner: stats
                .actions
                .iter()
                .map(|a| OwnerJson {
                    owner: &a.owner,
                    open: a.open,
                    overdue: a.overdue,
                })
                .collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stats::{MetricStats, Named, Reviews};

    fn stats(incomplete: usize) -> Stats {
        let named = (1..=incomplete as i64)
            .map(|id| Named {
                id,
                title: format!("t{id}\u{1b}[2J"),
            })
            .collect::<Vec<_>>();
        Stats {
            incidents: incomplete,
            drills_left_out: 0,
            cancelled_left_out: 0,
            by_severity: [0, incomplete, 0, 0],
            by_status: [incomplete, 0, 0, 0],
            metrics: Metric::ALL
                .iter()
                .map(|&metric| MetricStats {
                    metric,
                    overall: None,
                    by_severity: [None; 4],
                    incomplete: if metric == Metric::Resolve {
                        named.clone()
                    } else {
                        vec![]
                    },
                })
                .collect(),
            reviews: Reviews {
                unresolved: incomplete,
                ..Reviews::default()
            },
            actions: vec![],
            open_actions: 0,
            overdue_actions: 0,
        }
    }

    fn scope() -> Scope {
        Scope {
            since: None,
            until: None,
            severity: None,
            include_drills: false,
            deadline_days: 2,
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        }
    }

    #[test]
    fn long_durations_keep_their_columns_apart() {
        use crate::model::stats::Spread;
        let mut s = stats(0);
        s.incidents = 3;
        s.by_severity = [3, 0, 0, 0];
        let long = 10 * 86_400 + 13 * 3600 + 15 * 60;
        s.metrics[2].overall = Some(Spread {
            n: 310,
            median: long,
            p90: long,
            max: 100 * 86_400,
        });
        s.metrics[2].by_severity[0] = s.metrics[2].overall;
        let out = text(&s, &scope(), &Zone::utc());
        assert!(
            out.contains("  all         310  10d 13h 15m  10d 13h 15m  100d 0h 00m\n"),
            "{out}"
        );
        assert!(
            out.contains("Durations       n       median          p90          max\n"),
            "{out}"
        );
    }

    #[test]
    fn overdue_reviews_are_named_up_to_ten_then_counted() {
        let mut s = stats(0);
        s.incidents = 12;
        s.reviews.overdue = (1..=12)
            .map(|id| {
                (
                    Named {
                        id,
                        title: format!("t{id}"),
                    },
                    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
                )
            })
            .collect();
        let out = text(&s, &scope(), &Zone::utc());
        assert!(
            out.contains("  overdue: #10 t10 (deadline 2026-11-02)\n"),
            "{out}"
        );
        assert!(!out.contains("#11"), "{out}");
        assert!(
            out.contains("  and 2 more overdue (`inc reviews` lists them all)\n"),
            "{out}"
        );
    }

    #[test]
    fn incomplete_incidents_are_named_up_to_ten_then_counted() {
        let out = text(&stats(10), &scope(), &Zone::utc());
        assert!(out.contains("not resolved (10, left out of the numbers above):\n"));
        assert!(out.contains("    #10 t10\\u{1b}[2J\n"), "{out}");
        assert!(!out.contains('\u{1b}'));
        assert!(!out.contains("more"));

        let out = text(&stats(12), &scope(), &Zone::utc());
        assert!(out.contains("not resolved (12, left out of the numbers above):\n"));
        assert!(out.contains("    #10 t10"));
        assert!(!out.contains("#11"));
        assert!(out.contains("    and 2 more (`inc stats --json` names them all)\n"));
        // JSON names every one.
        let json: serde_json::Value = serde_json::from_str(&json(&stats(12), &scope())).unwrap();
        assert_eq!(
            json["time_to_resolve"]["incomplete"]
                .as_array()
                .unwrap()
                .len(),
            12
        );
        assert_eq!(
            json["time_to_resolve"]["incomplete"][11]["title"],
            "t12\u{1b}[2J"
        );
    }
}
