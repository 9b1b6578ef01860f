//! Commands run through `inc run`: how one ended, the command line as a
//! shell would take it back, and the last lines of its output, cleaned for
//! storage. No IO: the command module feeds the bytes in.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fmt;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It exited with this code (0 to 255).
    Exited(u8),
    /// A signal ended it (its number).
    Signalled(i32),
}

impl Outcome {
    /// The exit code a shell reports for it: the code, or 128 + the signal.
    pub fn shell_code(self) -> u8 {
        match self {
            Outcome::Exited(code) => code,
            Outcome::Signalled(sig) => u8::try_from(128 + sig.clamp(0, 127)).unwrap_or(u8::MAX),
        }
    }
}

impl fmt::Display for Outcome {
    /// `exit 0`, `killed by SIGINT`, `killed by signal 40`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Outcome::Exited(code) => write!(f, "exit {code}"),
            Outcome::Signalled(sig) => match signal_name(sig) {
                Some(name) => write!(f, "killed by {name}"),
                None => write!(f, "killed by signal {sig}"),
            },
        }
    }
}

/// The name of a signal whose number is the same on Linux, the BSDs and
/// macOS (the others differ between systems, so they are shown by number).
pub fn signal_name(sig: i32) -> Option<&'static str> {
    Some(match sig {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => return None,
    })
}

/// What `inc run` records about a command beside its command line (the
/// entry's text) and start time (the entry's time).
#[derive(Debug, Clone, PartialEq)]
pub struct CommandRun {
    pub outcome: Outcome,
    /// How long it ran, in milliseconds.
    pub duration_ms: u64,
    /// With `--capture`: the last lines of its output (standard output and
    /// error together, in the order they came), cleaned by [`clean_line`],
    /// joined by `\n`; `None` without `--capture`.
    pub output: Option<String>,
    /// With `--capture`: how many lines it printed in all, of which
    /// `output` holds the last ones.
    pub output_lines: Option<u64>,
}

impl CommandRun {
    /// `exit 0, 1.2s`.
    pub fn summary(&self) -> String {
        format!("{}, {}", self.outcome, run_time(self.duration_ms))
    }
}

/// How long a command ran, as people read it: `0.4s`, `9.9s`, `42s`,
/// `3m 07s`, `1h 05m`. Tenths of a second only where they matter.
pub fn run_time(ms: u64) -> String {
    let secs = ms / 1000;
    if secs < 10 {
        format!("{secs}.{}s", ms % 1000 / 100)
    } else if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m {:02}s", secs / 60, secs % 60)
    } else {
        format!("{}h {:02}m", secs / 3600, secs / 60 % 60)
    }
}

/// A command line as one string that a POSIX shell (bash, zsh, dash) reads
/// back as the same words, for people to read and to copy: plain words
/// stay as they are, others are put in single quotes, and words with
/// control characters in `$'...'` with the characters escaped, so the
/// result holds no control character. Bytes that are not UTF-8 are shown
/// as U+FFFD (the result is then no longer exact).
pub fn shell_line(words: &[OsString]) -> String {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| shell_word(&w.to_string_lossy(), i == 0))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A path as a shell would read it back, quoted where needed, for the
/// commands inc suggests (`chmod 600 PATH`, `INC_DB=PATH inc show`).
pub fn shell_path(path: &std::path::Path) -> String {
    shell_word(&path.to_string_lossy(), false)
}

fn shell_word(word: &str, first: bool) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-+./:,@%=".contains(c);
    // As the first word, `NAME=value` would set a variable and `%1` name
    // a job, instead of running a command; zsh expands a leading `=`
    // anywhere (`=ls` is the path of ls).
    let special = (first && (word.contains('=') || word.starts_with('%'))) || word.starts_with('=');
    if !word.is_empty() && word.chars().all(plain) && !special {
        return word.to_string();
    }
    if !word.chars().any(char::is_control) {
        return format!("'{}'", word.replace('\'', r"'\''"));
    }
    let mut out = String::from("$'");
    for c in word.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '\'' => out.push_str(r"\'"),
            '\n' => out.push_str(r"\n"),
            '\t' => out.push_str(r"\t"),
            '\r' => out.push_str(r"\r"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The longest line kept from a command's output, in characters; the
/// rest of a longer line is cut (with `…`).
pub const MAX_LINE_CHARS: usize = 500;

/// The most bytes of one line held while reading it: a line that never
/// ends (binary output) must not fill the memory.
const MAX_LINE_BYTES: usize = 4 * MAX_LINE_CHARS * 2;

/// One output stream cut into lines as its bytes arrive. A carriage
/// return not followed by a line feed starts the line over, as on a
/// terminal (progress bars keep only their last state).
#[derive(Debug, Default)]
pub struct LineSplitter {
    line: Vec<u8>,
    /// More bytes came than [`MAX_LINE_BYTES`]; they were dropped.
    cut: bool,
    /// The last byte was a carriage return.
    after_cr: bool,
}

impl LineSplitter {
    /// Feeds a chunk; returns the lines it completed, raw.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<(Vec<u8>, bool)> {
        let mut done = Vec::new();
        for &b in chunk {
            if self.after_cr && b != b'\n' && b != b'\r' {
                self.line.clear();
                self.cut = false;
            }
            self.after_cr = b == b'\r';
            match b {
                b'\n' => done.push(self.take()),
                b'\r' => {}
                _ if self.line.len() < MAX_LINE_BYTES => self.line.push(b),
                _ => self.cut = true,
            }
        }
        done
    }

    /// The last line, if the stream ended without a line feed after it.
    pub fn finish(&mut self) -> Option<(Vec<u8>, bool)> {
        (!self.line.is_empty()).then(|| self.take())
    }

    fn take(&mut self) -> (Vec<u8>, bool) {
        self.after_cr = false;
        (
            std::mem::take(&mut self.line),
            std::mem::replace(&mut self.cut, false),
        )
    }
}

/// A line of a command's output made fit to store and show: invalid UTF-8
/// replaced, terminal escape sequences (colours, cursor moves, titles)
/// removed, backspaces applied, other control characters dropped (a tab
/// stays), trailing spaces trimmed, and cut at [`MAX_LINE_CHARS`].
pub fn clean_line(raw: &[u8], cut: bool) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates, then one final byte.
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC, DCS, SOS, PM, APC: up to BEL or ESC \ (string terminator).
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // A two-character sequence (ESC 7, ESC =, ...), or a lone ESC.
                _ => {}
            },
            '\u{9b}' => {
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\u{8}' => {
                out.pop();
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let kept = out.trim_end();
    match kept.char_indices().nth(MAX_LINE_CHARS) {
        Some((end, _)) => format!("{}…", &kept[..end]),
        None if cut => format!("{kept}…"),
        None => kept.to_string(),
    }
}

/// Skips a control string up to its terminator: BEL, ESC \ or ST.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' if chars.peek() == Some(&'\\') => {
                chars.next();
                return;
            }
            _ => {}
        }
    }
}

/// The last `n` lines of a command's output.
#[derive(Debug)]
pub struct OutputTail {
    keep: usize,
    lines: VecDeque<String>,
    seen: u64,
}

impl OutputTail {
    pub fn new(keep: usize) -> OutputTail {
        OutputTail {
            keep: keep.max(1),
            lines: VecDeque::with_capacity(keep.max(1)),
            seen: 0,
        }
    }

    /// Adds a line as [`LineSplitter`] gave it.
    pub fn push(&mut self, (raw, cut): (Vec<u8>, bool)) {
        self.seen += 1;
        if self.lines.len() == self.keep {
            self.lines.pop_front();
        }
        self.lines.push_back(clean_line(&raw, cut));
    }

    /// The lines kept, joined by `\n`, and how many lines there were.
    pub fn text(&self) -> (String, u64) {
        (
            self.lines
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            self.seen,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<OsString> {
        w.iter().map(OsString::from).collect()
    }

    #[test]
    fn command_lines_read_back_as_the_same_words() {
        assert_eq!(
            shell_line(&words(&["systemctl", "restart", "queue@2.service"])),
            "systemctl restart queue@2.service"
        );
        assert_eq!(
            shell_line(&words(&["sh", "-c", "echo 'hi' there", ""])),
            r"sh -c 'echo '\''hi'\'' there' ''"
        );
        assert_eq!(
            shell_line(&words(&["FOO=1", "a=b", "~", "$HOME", "x;y", "%1"])),
            r"'FOO=1' a=b '~' '$HOME' 'x;y' %1"
        );
        // zsh expands a word starting with `=` to a command's path.
        assert_eq!(shell_line(&words(&["echo", "=ls"])), "echo '=ls'");
        assert_eq!(
            shell_path(std::path::Path::new("my demo.db")),
            "'my demo.db'"
        );
        assert_eq!(
            shell_line(&words(&["printf", "a\nb\u{1b}[31m'\\"])),
            r"printf $'a\nb\x1b[31m\'\\'"
        );
        assert!(
            !shell_line(&words(&["x\u{9b}y\u{7f}"]))
                .chars()
                .any(char::is_control)
        );
    }

    #[test]
    fn outcomes_read_like_a_shell_tells_them() {
        assert_eq!(Outcome::Exited(3).to_string(), "exit 3");
        assert_eq!(Outcome::Exited(3).shell_code(), 3);
        assert_eq!(Outcome::Signalled(2).to_string(), "killed by SIGINT");
        assert_eq!(Outcome::Signalled(2).shell_code(), 130);
        assert_eq!(Outcome::Signalled(40).to_string(), "killed by signal 40");
        assert_eq!(Outcome::Signalled(15).shell_code(), 143);
    }

    #[test]
    fn run_times_keep_tenths_only_when_short() {
        assert_eq!(run_time(0), "0.0s");
        assert_eq!(run_time(450), "0.4s");
        assert_eq!(run_time(9_999), "9.9s");
        assert_eq!(run_time(12_300), "12s");
        assert_eq!(run_time(187_000), "3m 07s");
        assert_eq!(run_time(3_900_000), "1h 05m");
    }

    #[test]
    fn lines_split_as_a_terminal_shows_them() {
        let mut s = LineSplitter::default();
        let mut lines = s.feed(b"one\r\ntw");
        lines.extend(s.feed(b"o\r\r\n10%\r50%\r"));
        lines.extend(s.feed(b"done\nlast"));
        lines.extend(s.finish());
        let text: Vec<String> = lines.into_iter().map(|(l, c)| clean_line(&l, c)).collect();
        assert_eq!(text, ["one", "two", "done", "last"]);
        assert_eq!(s.finish(), None);
    }

    #[test]
    fn endless_lines_are_cut_without_holding_them() {
        let mut s = LineSplitter::default();
        assert!(s.feed(&vec![b'x'; 100_000]).is_empty());
        assert!(s.line.len() <= MAX_LINE_BYTES);
        let (raw, cut) = s.feed(b"\n").pop().unwrap();
        let line = clean_line(&raw, cut);
        assert_eq!(line.chars().count(), MAX_LINE_CHARS + 1);
        assert!(line.ends_with('…'));
        assert_eq!(clean_line(b"short", true), "short…");
    }

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(clean_line(b"\x1b[1;31mred\x1b[0m ok", false), "red ok");
        assert_eq!(
            clean_line(
                b"\x1b]0;title\x07a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
                false
            ),
            "alink"
        );
        assert_eq!(clean_line("\u{9b}2Jwiped".as_bytes(), false), "wiped");
        assert_eq!(clean_line(b"\x1b7saved\x1b8", false), "saved");
        assert_eq!(
            clean_line(b"bell\x07 nul\x00 \xff", false),
            "bell nul \u{fffd}"
        );
        assert_eq!(clean_line(b"N\x08NA\x08AM\x08ME", false), "NAME");
        assert_eq!(clean_line(b"tab\there   ", false), "tab\there");
        assert_eq!(clean_line(b"\x1b[", false), "");
    }

    #[test]
    fn the_tail_keeps_the_last_lines_and_counts_all() {
        let mut tail = OutputTail::new(2);
        for l in ["a", "b", "c"] {
            tail.push((l.as_bytes().to_vec(), false));
        }
        assert_eq!(tail.text(), ("b\nc".to_string(), 3));
        assert_eq!(OutputTail::new(5).text(), (String::new(), 0));
    }
}
