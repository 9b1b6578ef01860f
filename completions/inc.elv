
use builtin;
use str;

set edit:completion:arg-completer[inc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'inc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'inc'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand open 'Declare an incident and make it the current one'
            cand tl 'Add a note to the timeline, with the real time of the event'
            cand timeline 'Print an incident''s timeline in the order events happened'
            cand use 'Make an incident the current one'
            cand list 'List incidents (open ones unless --all)'
            cand show 'Show an incident''s status board'
            cand status 'Change the status: investigating, identified, monitoring, resolved'
            cand sev 'Change the severity (1 to 4; SEV1 is the worst)'
            cand mitigated 'Record when customer impact was mitigated'
            cand resolve 'Resolve the incident'
            cand reopen 'Reopen a resolved incident'
            cand handoff 'Hand command to someone else and print the briefing'
            cand brief 'Print the briefing for someone joining the response'
            cand role 'Give a role (scribe, comms, ...) to someone, or clear it'
            cand responders 'List everyone involved, what they did and since when'
            cand task 'Track the steps under way: add, done, list'
            cand describe 'Describe the incident for the review: summary, impact, scope, detection'
            cand factor 'Contributing factors: add, list, rm'
            cand action 'Corrective action items: add, list, done, edit'
            cand lesson 'Lessons learned: add, list'
            cand review 'The post-incident review, as markdown or JSON; --check says if it is ready'
            cand demo 'Replay a made-up incident in a throwaway database and print its review'
            cand config 'Where inc keeps its files, the settings in effect, and editing them'
            cand doctor 'Check the setup: config, database, SQLite, permissions, integrity'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;open'= {
            cand --sev 'Severity: 1 to 4, SEV1 to SEV4, or a label such as critical (SEV1 is the worst) [default: config default_severity, else 2]'
            cand --commander 'Who commands the incident [default: you]'
            cand --started 'When impact began, if before it was detected [default: the detection time]'
            cand --detected 'When the problem was noticed [default: the declaration time]'
            cand --declared 'When the incident was declared, to enter one from the records [default: now]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --security 'Mark it as a security incident'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;tl'= {
            cand --at 'When it happened, if not just now (14:05, -10m, 2h ago, ...)'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand -e 'Write the note in $VISUAL or $EDITOR (starting from NOTE, if given)'
            cand --edit 'Write the note in $VISUAL or $EDITOR (starting from NOTE, if given)'
            cand --key 'Mark it as a key moment, for the review to highlight'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;timeline'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;use'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;list'= {
            cand --status 'Only incidents with this status'
            cand --sev 'Only incidents of this severity'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand -a 'Include resolved incidents'
            cand --all 'Include resolved incidents'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;show'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;status'= {
            cand --at 'When it changed, if not just now'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;sev'= {
            cand --reason 'Why it changed, for the timeline'
            cand --at 'When it changed, if not just now'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;mitigated'= {
            cand --at 'When impact was mitigated, if not just now'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;resolve'= {
            cand --at 'When it was resolved, if not just now'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;reopen'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;handoff'= {
            cand --note 'What the new commander should know beyond the timeline'
            cand --at 'When command changed hands, if not just now'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;brief'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;role'= {
            cand --at 'When it changed, if not just now'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --clear 'Leave the role empty'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;responders'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;task'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a task'
            cand done 'Mark a task done'
            cand list 'List an incident''s open tasks (all with --all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;task;add'= {
            cand --owner 'Who is doing it'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;task;done'= {
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;task;list'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand -a 'Include tasks that are done'
            cand --all 'Include tasks that are done'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;task;help'= {
            cand add 'Add a task'
            cand done 'Mark a task done'
            cand list 'List an incident''s open tasks (all with --all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;task;help;add'= {
        }
        &'inc;task;help;done'= {
        }
        &'inc;task;help;list'= {
        }
        &'inc;task;help;help'= {
        }
        &'inc;describe'= {
            cand --summary 'What was seen and what ended it'
            cand --impact 'Who was affected, and how'
            cand --scope 'internal, external or both'
            cand --detection 'How the problem was found'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;factor'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a contributing factor'
            cand list 'List the contributing factors'
            cand rm 'Remove a contributing factor'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;factor;add'= {
            cand --kind 'technical or non-technical'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;factor;list'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;factor;rm'= {
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;factor;help'= {
            cand add 'Add a contributing factor'
            cand list 'List the contributing factors'
            cand rm 'Remove a contributing factor'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;factor;help;add'= {
        }
        &'inc;factor;help;list'= {
        }
        &'inc;factor;help;rm'= {
        }
        &'inc;factor;help;help'= {
        }
        &'inc;action'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an action item'
            cand list 'List action items'
            cand done 'Mark an action item done'
            cand edit 'Change an action item'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;action;add'= {
            cand --owner 'Who is accountable: a person or a team'
            cand --due 'When it is due: 2026-12-01, today, tomorrow, +7d, +2w'
            cand --priority 'P1, P2 or P3'
            cand --type 'prevent, mitigate, detect or process'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;action;list'= {
            cand --owner 'Only this owner''s'
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --all-incidents 'Action items of every incident, not just one'
            cand --open 'Only open ones'
            cand --overdue 'Only open ones past their due date'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;action;done'= {
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;action;edit'= {
            cand --text 'New text for the work to do'
            cand --owner 'A new owner: a person or a team'
            cand --due 'A new due date, or `none`'
            cand --priority 'A new priority: P1, P2 or P3'
            cand --type 'A new type: prevent, mitigate, detect or process'
            cand --status 'open, done or wont-do'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;action;help'= {
            cand add 'Add an action item'
            cand list 'List action items'
            cand done 'Mark an action item done'
            cand edit 'Change an action item'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;action;help;add'= {
        }
        &'inc;action;help;list'= {
        }
        &'inc;action;help;done'= {
        }
        &'inc;action;help;edit'= {
        }
        &'inc;action;help;help'= {
        }
        &'inc;lesson'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a lesson'
            cand list 'List the lessons'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;lesson;add'= {
            cand --kind 'went-well, went-wrong or lucky'
            cand -i 'The incident to act on [default: the current incident]'
            cand --incident 'The incident to act on [default: the current incident]'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;lesson;list'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;lesson;help'= {
            cand add 'Add a lesson'
            cand list 'List the lessons'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;lesson;help;add'= {
        }
        &'inc;lesson;help;list'= {
        }
        &'inc;lesson;help;help'= {
        }
        &'inc;review'= {
            cand -i 'The same, as a flag'
            cand --incident 'The same, as a flag'
            cand --out 'Write to FILE instead of standard output'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --markdown 'Print markdown (the default)'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --check 'Say whether the review is ready; exit 1 if anything blocks it'
            cand --interactive 'Ask, in a terminal, for what the review lacks, then check it'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;demo'= {
            cand --keep 'Also save the demo database to PATH, a new file, to explore with `INC_DB=PATH inc show`'
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;config'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the config file''s and the database''s paths (opens neither)'
            cand show 'Print the settings in effect, as TOML, with where each came from (the default)'
            cand edit 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;config;path'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;config;show'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;config;edit'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;config;help'= {
            cand path 'Print the config file''s and the database''s paths (opens neither)'
            cand show 'Print the settings in effect, as TOML, with where each came from (the default)'
            cand edit 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;config;help;path'= {
        }
        &'inc;config;help;show'= {
        }
        &'inc;config;help;edit'= {
        }
        &'inc;config;help;help'= {
        }
        &'inc;doctor'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --full 'Run SQLite''s full integrity check instead of the quick one: it also compares every index with its table, which takes longer on a large database'
            cand --json 'Print JSON (fields documented in docs/json.md)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;completions'= {
            cand --db 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]'
            cand --config 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]'
            cand --as 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]'
            cand --color 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)'
            cand --no-input 'Never prompt: fail and name the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'inc;help'= {
            cand open 'Declare an incident and make it the current one'
            cand tl 'Add a note to the timeline, with the real time of the event'
            cand timeline 'Print an incident''s timeline in the order events happened'
            cand use 'Make an incident the current one'
            cand list 'List incidents (open ones unless --all)'
            cand show 'Show an incident''s status board'
            cand status 'Change the status: investigating, identified, monitoring, resolved'
            cand sev 'Change the severity (1 to 4; SEV1 is the worst)'
            cand mitigated 'Record when customer impact was mitigated'
            cand resolve 'Resolve the incident'
            cand reopen 'Reopen a resolved incident'
            cand handoff 'Hand command to someone else and print the briefing'
            cand brief 'Print the briefing for someone joining the response'
            cand role 'Give a role (scribe, comms, ...) to someone, or clear it'
            cand responders 'List everyone involved, what they did and since when'
            cand task 'Track the steps under way: add, done, list'
            cand describe 'Describe the incident for the review: summary, impact, scope, detection'
            cand factor 'Contributing factors: add, list, rm'
            cand action 'Corrective action items: add, list, done, edit'
            cand lesson 'Lessons learned: add, list'
            cand review 'The post-incident review, as markdown or JSON; --check says if it is ready'
            cand demo 'Replay a made-up incident in a throwaway database and print its review'
            cand config 'Where inc keeps its files, the settings in effect, and editing them'
            cand doctor 'Check the setup: config, database, SQLite, permissions, integrity'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inc;help;open'= {
        }
        &'inc;help;tl'= {
        }
        &'inc;help;timeline'= {
        }
        &'inc;help;use'= {
        }
        &'inc;help;list'= {
        }
        &'inc;help;show'= {
        }
        &'inc;help;status'= {
        }
        &'inc;help;sev'= {
        }
        &'inc;help;mitigated'= {
        }
        &'inc;help;resolve'= {
        }
        &'inc;help;reopen'= {
        }
        &'inc;help;handoff'= {
        }
        &'inc;help;brief'= {
        }
        &'inc;help;role'= {
        }
        &'inc;help;responders'= {
        }
        &'inc;help;task'= {
            cand add 'Add a task'
            cand done 'Mark a task done'
            cand list 'List an incident''s open tasks (all with --all)'
        }
        &'inc;help;task;add'= {
        }
        &'inc;help;task;done'= {
        }
        &'inc;help;task;list'= {
        }
        &'inc;help;describe'= {
        }
        &'inc;help;factor'= {
            cand add 'Add a contributing factor'
            cand list 'List the contributing factors'
            cand rm 'Remove a contributing factor'
        }
        &'inc;help;factor;add'= {
        }
        &'inc;help;factor;list'= {
        }
        &'inc;help;factor;rm'= {
        }
        &'inc;help;action'= {
            cand add 'Add an action item'
            cand list 'List action items'
            cand done 'Mark an action item done'
            cand edit 'Change an action item'
        }
        &'inc;help;action;add'= {
        }
        &'inc;help;action;list'= {
        }
        &'inc;help;action;done'= {
        }
        &'inc;help;action;edit'= {
        }
        &'inc;help;lesson'= {
            cand add 'Add a lesson'
            cand list 'List the lessons'
        }
        &'inc;help;lesson;add'= {
        }
        &'inc;help;lesson;list'= {
        }
        &'inc;help;review'= {
        }
        &'inc;help;demo'= {
        }
        &'inc;help;config'= {
            cand path 'Print the config file''s and the database''s paths (opens neither)'
            cand show 'Print the settings in effect, as TOML, with where each came from (the default)'
            cand edit 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid'
        }
        &'inc;help;config;path'= {
        }
        &'inc;help;config;show'= {
        }
        &'inc;help;config;edit'= {
        }
        &'inc;help;doctor'= {
        }
        &'inc;help;completions'= {
        }
        &'inc;help;help'= {
        }
    ]
    $completions[$command]
}
