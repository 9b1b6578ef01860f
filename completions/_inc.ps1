
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'inc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'inc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'inc' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Declare an incident and make it the current one')
            [CompletionResult]::new('tl', 'tl', [CompletionResultType]::ParameterValue, 'Add a note to the timeline, with the real time of the event')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Print an incident''s timeline in the order events happened')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make an incident the current one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (open ones unless --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an incident''s status board')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Change the status: investigating, identified, monitoring, resolved')
            [CompletionResult]::new('sev', 'sev', [CompletionResultType]::ParameterValue, 'Change the severity (1 to 4; SEV1 is the worst)')
            [CompletionResult]::new('mitigated', 'mitigated', [CompletionResultType]::ParameterValue, 'Record when customer impact was mitigated')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve the incident')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved incident')
            [CompletionResult]::new('handoff', 'handoff', [CompletionResultType]::ParameterValue, 'Hand command to someone else and print the briefing')
            [CompletionResult]::new('brief', 'brief', [CompletionResultType]::ParameterValue, 'Print the briefing for someone joining the response')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Give a role (scribe, comms, ...) to someone, or clear it')
            [CompletionResult]::new('responders', 'responders', [CompletionResultType]::ParameterValue, 'List everyone involved, what they did and since when')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'Track the steps under way: add, done, list')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe the incident for the review: summary, impact, scope, detection')
            [CompletionResult]::new('factor', 'factor', [CompletionResultType]::ParameterValue, 'Contributing factors: add, list, rm')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'Corrective action items: add, list, done, edit')
            [CompletionResult]::new('lesson', 'lesson', [CompletionResultType]::ParameterValue, 'Lessons learned: add, list')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'The post-incident review, as markdown or JSON; --check says if it is ready')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Replay a made-up incident in a throwaway database and print its review')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where inc keeps its files, the settings in effect, and editing them')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the setup: config, database, SQLite, permissions, integrity')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;open' {
            [CompletionResult]::new('--sev', '--sev', [CompletionResultType]::ParameterName, 'Severity: 1 to 4, SEV1 to SEV4, or a label such as critical (SEV1 is the worst) [default: config default_severity, else 2]')
            [CompletionResult]::new('--commander', '--commander', [CompletionResultType]::ParameterName, 'Who commands the incident [default: you]')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When impact began, if before it was detected [default: the detection time]')
            [CompletionResult]::new('--detected', '--detected', [CompletionResultType]::ParameterName, 'When the problem was noticed [default: the declaration time]')
            [CompletionResult]::new('--declared', '--declared', [CompletionResultType]::ParameterName, 'When the incident was declared, to enter one from the records [default: now]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--security', '--security', [CompletionResultType]::ParameterName, 'Mark it as a security incident')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;tl' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if not just now (14:05, -10m, 2h ago, ...)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Write the note in $VISUAL or $EDITOR (starting from NOTE, if given)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Write the note in $VISUAL or $EDITOR (starting from NOTE, if given)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Mark it as a key moment, for the review to highlight')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;timeline' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;use' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only incidents with this status')
            [CompletionResult]::new('--sev', '--sev', [CompletionResultType]::ParameterName, 'Only incidents of this severity')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Include resolved incidents')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include resolved incidents')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;show' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;status' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it changed, if not just now')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;sev' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it changed, for the timeline')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it changed, if not just now')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;mitigated' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When impact was mitigated, if not just now')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;resolve' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it was resolved, if not just now')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;reopen' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;handoff' {
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'What the new commander should know beyond the timeline')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When command changed hands, if not just now')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;brief' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;role' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it changed, if not just now')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Leave the role empty')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;responders' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;task' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a task')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark a task done')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an incident''s open tasks (all with --all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;task;add' {
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Who is doing it')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;task;done' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;task;list' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Include tasks that are done')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include tasks that are done')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;task;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a task')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark a task done')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an incident''s open tasks (all with --all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;task;help;add' {
            break
        }
        'inc;task;help;done' {
            break
        }
        'inc;task;help;list' {
            break
        }
        'inc;task;help;help' {
            break
        }
        'inc;describe' {
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'What was seen and what ended it')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'Who was affected, and how')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'internal, external or both')
            [CompletionResult]::new('--detection', '--detection', [CompletionResultType]::ParameterName, 'How the problem was found')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;factor' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a contributing factor')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contributing factors')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a contributing factor')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;factor;add' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'technical or non-technical')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;factor;list' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;factor;rm' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;factor;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a contributing factor')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contributing factors')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a contributing factor')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;factor;help;add' {
            break
        }
        'inc;factor;help;list' {
            break
        }
        'inc;factor;help;rm' {
            break
        }
        'inc;factor;help;help' {
            break
        }
        'inc;action' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an action item')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List action items')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark an action item done')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an action item')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;action;add' {
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Who is accountable: a person or a team')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'When it is due: 2026-12-01, today, tomorrow, +7d, +2w')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'P1, P2 or P3')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'prevent, mitigate, detect or process')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;action;list' {
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only this owner''s')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--all-incidents', '--all-incidents', [CompletionResultType]::ParameterName, 'Action items of every incident, not just one')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Only open ones')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open ones past their due date')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;action;done' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;action;edit' {
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'New text for the work to do')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'A new owner: a person or a team')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'A new due date, or `none`')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'A new priority: P1, P2 or P3')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'A new type: prevent, mitigate, detect or process')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'open, done or wont-do')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;action;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an action item')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List action items')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark an action item done')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an action item')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;action;help;add' {
            break
        }
        'inc;action;help;list' {
            break
        }
        'inc;action;help;done' {
            break
        }
        'inc;action;help;edit' {
            break
        }
        'inc;action;help;help' {
            break
        }
        'inc;lesson' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a lesson')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the lessons')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;lesson;add' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'went-well, went-wrong or lucky')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The incident to act on [default: the current incident]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;lesson;list' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;lesson;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a lesson')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the lessons')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;lesson;help;add' {
            break
        }
        'inc;lesson;help;list' {
            break
        }
        'inc;lesson;help;help' {
            break
        }
        'inc;review' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--incident', '--incident', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE instead of standard output')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--markdown', '--markdown', [CompletionResultType]::ParameterName, 'Print markdown (the default)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Say whether the review is ready; exit 1 if anything blocks it')
            [CompletionResult]::new('--interactive', '--interactive', [CompletionResultType]::ParameterName, 'Ask, in a terminal, for what the review lacks, then check it')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;demo' {
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Also save the demo database to PATH, a new file, to explore with `INC_DB=PATH inc show`')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;config' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s and the database''s paths (opens neither)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings in effect, as TOML, with where each came from (the default)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;config;path' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;config;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;config;edit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s and the database''s paths (opens neither)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings in effect, as TOML, with where each came from (the default)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;config;help;path' {
            break
        }
        'inc;config;help;show' {
            break
        }
        'inc;config;help;edit' {
            break
        }
        'inc;config;help;help' {
            break
        }
        'inc;doctor' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Run SQLite''s full integrity check instead of the quick one: it also compares every index with its table, which takes longer on a large database')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (fields documented in docs/json.md)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git''s user.name, $USER]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail and name the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'inc;help' {
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Declare an incident and make it the current one')
            [CompletionResult]::new('tl', 'tl', [CompletionResultType]::ParameterValue, 'Add a note to the timeline, with the real time of the event')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Print an incident''s timeline in the order events happened')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make an incident the current one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (open ones unless --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an incident''s status board')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Change the status: investigating, identified, monitoring, resolved')
            [CompletionResult]::new('sev', 'sev', [CompletionResultType]::ParameterValue, 'Change the severity (1 to 4; SEV1 is the worst)')
            [CompletionResult]::new('mitigated', 'mitigated', [CompletionResultType]::ParameterValue, 'Record when customer impact was mitigated')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve the incident')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved incident')
            [CompletionResult]::new('handoff', 'handoff', [CompletionResultType]::ParameterValue, 'Hand command to someone else and print the briefing')
            [CompletionResult]::new('brief', 'brief', [CompletionResultType]::ParameterValue, 'Print the briefing for someone joining the response')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Give a role (scribe, comms, ...) to someone, or clear it')
            [CompletionResult]::new('responders', 'responders', [CompletionResultType]::ParameterValue, 'List everyone involved, what they did and since when')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'Track the steps under way: add, done, list')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe the incident for the review: summary, impact, scope, detection')
            [CompletionResult]::new('factor', 'factor', [CompletionResultType]::ParameterValue, 'Contributing factors: add, list, rm')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'Corrective action items: add, list, done, edit')
            [CompletionResult]::new('lesson', 'lesson', [CompletionResultType]::ParameterValue, 'Lessons learned: add, list')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'The post-incident review, as markdown or JSON; --check says if it is ready')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Replay a made-up incident in a throwaway database and print its review')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where inc keeps its files, the settings in effect, and editing them')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the setup: config, database, SQLite, permissions, integrity')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inc;help;open' {
            break
        }
        'inc;help;tl' {
            break
        }
        'inc;help;timeline' {
            break
        }
        'inc;help;use' {
            break
        }
        'inc;help;list' {
            break
        }
        'inc;help;show' {
            break
        }
        'inc;help;status' {
            break
        }
        'inc;help;sev' {
            break
        }
        'inc;help;mitigated' {
            break
        }
        'inc;help;resolve' {
            break
        }
        'inc;help;reopen' {
            break
        }
        'inc;help;handoff' {
            break
        }
        'inc;help;brief' {
            break
        }
        'inc;help;role' {
            break
        }
        'inc;help;responders' {
            break
        }
        'inc;help;task' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a task')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark a task done')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an incident''s open tasks (all with --all)')
            break
        }
        'inc;help;task;add' {
            break
        }
        'inc;help;task;done' {
            break
        }
        'inc;help;task;list' {
            break
        }
        'inc;help;describe' {
            break
        }
        'inc;help;factor' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a contributing factor')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contributing factors')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a contributing factor')
            break
        }
        'inc;help;factor;add' {
            break
        }
        'inc;help;factor;list' {
            break
        }
        'inc;help;factor;rm' {
            break
        }
        'inc;help;action' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an action item')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List action items')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark an action item done')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an action item')
            break
        }
        'inc;help;action;add' {
            break
        }
        'inc;help;action;list' {
            break
        }
        'inc;help;action;done' {
            break
        }
        'inc;help;action;edit' {
            break
        }
        'inc;help;lesson' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a lesson')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the lessons')
            break
        }
        'inc;help;lesson;add' {
            break
        }
        'inc;help;lesson;list' {
            break
        }
        'inc;help;review' {
            break
        }
        'inc;help;demo' {
            break
        }
        'inc;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s and the database''s paths (opens neither)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings in effect, as TOML, with where each came from (the default)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid')
            break
        }
        'inc;help;config;path' {
            break
        }
        'inc;help;config;show' {
            break
        }
        'inc;help;config;edit' {
            break
        }
        'inc;help;doctor' {
            break
        }
        'inc;help;completions' {
            break
        }
        'inc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
