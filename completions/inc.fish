# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_inc_global_optspecs
    string join \n db= config= as= no-input color= h/help V/version
end

function __fish_inc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_inc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_inc_using_subcommand
    set -l cmd (__fish_inc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c inc -n "__fish_inc_needs_command" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_needs_command" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_needs_command" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_needs_command" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_needs_command" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inc -n "__fish_inc_needs_command" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_needs_command" -f -a "open" -d 'Declare an incident and make it the current one'
complete -c inc -n "__fish_inc_needs_command" -f -a "tl" -d 'Add a note to the timeline, with the real time of the event'
complete -c inc -n "__fish_inc_needs_command" -f -a "timeline" -d 'Print an incident\'s timeline in the order events happened'
complete -c inc -n "__fish_inc_needs_command" -f -a "use" -d 'Make an incident the current one'
complete -c inc -n "__fish_inc_needs_command" -f -a "list" -d 'List incidents (open ones unless --all)'
complete -c inc -n "__fish_inc_needs_command" -f -a "show" -d 'Show an incident\'s status board'
complete -c inc -n "__fish_inc_needs_command" -f -a "status" -d 'Change the status: investigating, identified, monitoring, resolved'
complete -c inc -n "__fish_inc_needs_command" -f -a "sev" -d 'Change the severity (1 to 4; SEV1 is the worst)'
complete -c inc -n "__fish_inc_needs_command" -f -a "mitigated" -d 'Record when customer impact was mitigated'
complete -c inc -n "__fish_inc_needs_command" -f -a "resolve" -d 'Resolve the incident'
complete -c inc -n "__fish_inc_needs_command" -f -a "reopen" -d 'Reopen a resolved incident'
complete -c inc -n "__fish_inc_needs_command" -f -a "handoff" -d 'Hand command to someone else and print the briefing'
complete -c inc -n "__fish_inc_needs_command" -f -a "brief" -d 'Print the briefing for someone joining the response'
complete -c inc -n "__fish_inc_needs_command" -f -a "role" -d 'Give a role (scribe, comms, ...) to someone, or clear it'
complete -c inc -n "__fish_inc_needs_command" -f -a "responders" -d 'List everyone involved, what they did and since when'
complete -c inc -n "__fish_inc_needs_command" -f -a "task" -d 'Track the steps under way: add, done, list'
complete -c inc -n "__fish_inc_needs_command" -f -a "describe" -d 'Describe the incident for the review: summary, impact, scope, detection'
complete -c inc -n "__fish_inc_needs_command" -f -a "factor" -d 'Contributing factors: add, list, rm'
complete -c inc -n "__fish_inc_needs_command" -f -a "action" -d 'Corrective action items: add, list, done, edit'
complete -c inc -n "__fish_inc_needs_command" -f -a "lesson" -d 'Lessons learned: add, list'
complete -c inc -n "__fish_inc_needs_command" -f -a "review" -d 'The post-incident review, as markdown or JSON; --check says if it is ready'
complete -c inc -n "__fish_inc_needs_command" -f -a "demo" -d 'Replay a made-up incident in a throwaway database and print its review'
complete -c inc -n "__fish_inc_needs_command" -f -a "config" -d 'Where inc keeps its files, the settings in effect, and editing them'
complete -c inc -n "__fish_inc_needs_command" -f -a "doctor" -d 'Check the setup: config, database, SQLite, permissions, integrity'
complete -c inc -n "__fish_inc_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c inc -n "__fish_inc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand open" -l sev -d 'Severity: 1 to 4, SEV1 to SEV4, or a label such as critical (SEV1 is the worst) [default: config default_severity, else 2]' -r
complete -c inc -n "__fish_inc_using_subcommand open" -l commander -d 'Who commands the incident [default: you]' -r
complete -c inc -n "__fish_inc_using_subcommand open" -l started -d 'When impact began, if before it was detected [default: the detection time]' -r
complete -c inc -n "__fish_inc_using_subcommand open" -l detected -d 'When the problem was noticed [default: the declaration time]' -r
complete -c inc -n "__fish_inc_using_subcommand open" -l declared -d 'When the incident was declared, to enter one from the records [default: now]' -r
complete -c inc -n "__fish_inc_using_subcommand open" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand open" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand open" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand open" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand open" -l security -d 'Mark it as a security incident'
complete -c inc -n "__fish_inc_using_subcommand open" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand open" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand open" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand tl" -l at -d 'When it happened, if not just now (14:05, -10m, 2h ago, ...)' -r
complete -c inc -n "__fish_inc_using_subcommand tl" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand tl" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand tl" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand tl" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand tl" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand tl" -s e -l edit -d 'Write the note in $VISUAL or $EDITOR (starting from NOTE, if given)'
complete -c inc -n "__fish_inc_using_subcommand tl" -l key -d 'Mark it as a key moment, for the review to highlight'
complete -c inc -n "__fish_inc_using_subcommand tl" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand tl" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand tl" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand timeline" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand timeline" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand timeline" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand timeline" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand timeline" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand timeline" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand timeline" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand timeline" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand timeline" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand use" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand use" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand use" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand use" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand use" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand use" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand use" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand list" -l status -d 'Only incidents with this status' -r
complete -c inc -n "__fish_inc_using_subcommand list" -l sev -d 'Only incidents of this severity' -r
complete -c inc -n "__fish_inc_using_subcommand list" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand list" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand list" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand list" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand list" -s a -l all -d 'Include resolved incidents'
complete -c inc -n "__fish_inc_using_subcommand list" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand list" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand list" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand list" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand show" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand show" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand show" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand show" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand show" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand show" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand show" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand show" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand show" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand status" -l at -d 'When it changed, if not just now' -r
complete -c inc -n "__fish_inc_using_subcommand status" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand status" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand status" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand status" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand status" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand status" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand status" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand status" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand sev" -l reason -d 'Why it changed, for the timeline' -r
complete -c inc -n "__fish_inc_using_subcommand sev" -l at -d 'When it changed, if not just now' -r
complete -c inc -n "__fish_inc_using_subcommand sev" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand sev" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand sev" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand sev" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand sev" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand sev" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand sev" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand sev" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand mitigated" -l at -d 'When impact was mitigated, if not just now' -r
complete -c inc -n "__fish_inc_using_subcommand mitigated" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand mitigated" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand mitigated" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand mitigated" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand mitigated" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand mitigated" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand mitigated" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand mitigated" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand resolve" -l at -d 'When it was resolved, if not just now' -r
complete -c inc -n "__fish_inc_using_subcommand resolve" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand resolve" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand resolve" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand resolve" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand resolve" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand resolve" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand resolve" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand resolve" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand reopen" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand reopen" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand reopen" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand reopen" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand reopen" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand reopen" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand reopen" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand handoff" -l note -d 'What the new commander should know beyond the timeline' -r
complete -c inc -n "__fish_inc_using_subcommand handoff" -l at -d 'When command changed hands, if not just now' -r
complete -c inc -n "__fish_inc_using_subcommand handoff" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand handoff" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand handoff" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand handoff" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand handoff" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand handoff" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand handoff" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand handoff" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand brief" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand brief" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand brief" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand brief" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand brief" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand brief" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand brief" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand brief" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand brief" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand role" -l at -d 'When it changed, if not just now' -r
complete -c inc -n "__fish_inc_using_subcommand role" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand role" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand role" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand role" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand role" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand role" -l clear -d 'Leave the role empty'
complete -c inc -n "__fish_inc_using_subcommand role" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand role" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand role" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand responders" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand responders" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand responders" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand responders" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand responders" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand responders" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand responders" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand responders" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand responders" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -f -a "add" -d 'Add a task'
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -f -a "done" -d 'Mark a task done'
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -f -a "list" -d 'List an incident\'s open tasks (all with --all)'
complete -c inc -n "__fish_inc_using_subcommand task; and not __fish_seen_subcommand_from add done list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -l owner -d 'Who is doing it' -r
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from done" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -s a -l all -d 'Include tasks that are done'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a task'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "done" -d 'Mark a task done'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "list" -d 'List an incident\'s open tasks (all with --all)'
complete -c inc -n "__fish_inc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand describe" -l summary -d 'What was seen and what ended it' -r
complete -c inc -n "__fish_inc_using_subcommand describe" -l impact -d 'Who was affected, and how' -r
complete -c inc -n "__fish_inc_using_subcommand describe" -l scope -d 'internal, external or both' -r
complete -c inc -n "__fish_inc_using_subcommand describe" -l detection -d 'How the problem was found' -r
complete -c inc -n "__fish_inc_using_subcommand describe" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand describe" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand describe" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand describe" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand describe" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand describe" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand describe" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand describe" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -f -a "add" -d 'Add a contributing factor'
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -f -a "list" -d 'List the contributing factors'
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -f -a "rm" -d 'Remove a contributing factor'
complete -c inc -n "__fish_inc_using_subcommand factor; and not __fish_seen_subcommand_from add list rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -l kind -d 'technical or non-technical' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a contributing factor'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the contributing factors'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a contributing factor'
complete -c inc -n "__fish_inc_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -f -a "add" -d 'Add an action item'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -f -a "list" -d 'List action items'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -f -a "done" -d 'Mark an action item done'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -f -a "edit" -d 'Change an action item'
complete -c inc -n "__fish_inc_using_subcommand action; and not __fish_seen_subcommand_from add list done edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l owner -d 'Who is accountable: a person or a team' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l due -d 'When it is due: 2026-12-01, today, tomorrow, +7d, +2w' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l priority -d 'P1, P2 or P3' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l type -d 'prevent, mitigate, detect or process' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l owner -d 'Only this owner\'s' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l all-incidents -d 'Action items of every incident, not just one'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l open -d 'Only open ones'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l overdue -d 'Only open ones past their due date'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from done" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l text -d 'New text for the work to do' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l owner -d 'A new owner: a person or a team' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l due -d 'A new due date, or `none`' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l priority -d 'A new priority: P1, P2 or P3' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l type -d 'A new type: prevent, mitigate, detect or process' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l status -d 'open, done or wont-do' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an action item'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "list" -d 'List action items'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "done" -d 'Mark an action item done'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change an action item'
complete -c inc -n "__fish_inc_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -f -a "add" -d 'Add a lesson'
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -f -a "list" -d 'List the lessons'
complete -c inc -n "__fish_inc_using_subcommand lesson; and not __fish_seen_subcommand_from add list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -l kind -d 'went-well, went-wrong or lucky' -r
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -s i -l incident -d 'The incident to act on [default: the current incident]' -r
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a lesson'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the lessons'
complete -c inc -n "__fish_inc_using_subcommand lesson; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand review" -s i -l incident -d 'The same, as a flag' -r
complete -c inc -n "__fish_inc_using_subcommand review" -l out -d 'Write to FILE instead of standard output' -r -F
complete -c inc -n "__fish_inc_using_subcommand review" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand review" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand review" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand review" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand review" -l markdown -d 'Print markdown (the default)'
complete -c inc -n "__fish_inc_using_subcommand review" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand review" -l check -d 'Say whether the review is ready; exit 1 if anything blocks it'
complete -c inc -n "__fish_inc_using_subcommand review" -l interactive -d 'Ask, in a terminal, for what the review lacks, then check it'
complete -c inc -n "__fish_inc_using_subcommand review" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand review" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand review" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand demo" -l keep -d 'Also save the demo database to PATH, a new file, to explore with `INC_DB=PATH inc show`' -r -F
complete -c inc -n "__fish_inc_using_subcommand demo" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand demo" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand demo" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand demo" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand demo" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand demo" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand demo" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "path" -d 'Print the config file\'s and the database\'s paths (opens neither)'
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "show" -d 'Print the settings in effect, as TOML, with where each came from (the default)'
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "edit" -d 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid'
complete -c inc -n "__fish_inc_using_subcommand config; and not __fish_seen_subcommand_from path show edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from path" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from path" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from show" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from show" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from edit" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from edit" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from edit" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from edit" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s and the database\'s paths (opens neither)'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the settings in effect, as TOML, with where each came from (the default)'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid'
complete -c inc -n "__fish_inc_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand doctor" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand doctor" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand doctor" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand doctor" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand doctor" -l full -d 'Run SQLite\'s full integrity check instead of the quick one: it also compares every index with its table, which takes longer on a large database'
complete -c inc -n "__fish_inc_using_subcommand doctor" -l json -d 'Print JSON (fields documented in docs/json.md)'
complete -c inc -n "__fish_inc_using_subcommand doctor" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand completions" -l db -d 'The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]' -r -F
complete -c inc -n "__fish_inc_using_subcommand completions" -l config -d 'The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]' -r -F
complete -c inc -n "__fish_inc_using_subcommand completions" -l as -d 'Who is acting, recorded as the author [default: $INC_USER, config `user`, git\'s user.name, $USER]' -r
complete -c inc -n "__fish_inc_using_subcommand completions" -l color -d 'Colour severity and status (auto: in a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inc -n "__fish_inc_using_subcommand completions" -l no-input -d 'Never prompt: fail and name the missing flag instead'
complete -c inc -n "__fish_inc_using_subcommand completions" -s h -l help -d 'Print help'
complete -c inc -n "__fish_inc_using_subcommand completions" -s V -l version -d 'Print version'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "open" -d 'Declare an incident and make it the current one'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "tl" -d 'Add a note to the timeline, with the real time of the event'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "timeline" -d 'Print an incident\'s timeline in the order events happened'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "use" -d 'Make an incident the current one'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "list" -d 'List incidents (open ones unless --all)'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "show" -d 'Show an incident\'s status board'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "status" -d 'Change the status: investigating, identified, monitoring, resolved'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "sev" -d 'Change the severity (1 to 4; SEV1 is the worst)'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "mitigated" -d 'Record when customer impact was mitigated'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "resolve" -d 'Resolve the incident'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "reopen" -d 'Reopen a resolved incident'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "handoff" -d 'Hand command to someone else and print the briefing'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "brief" -d 'Print the briefing for someone joining the response'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "role" -d 'Give a role (scribe, comms, ...) to someone, or clear it'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "responders" -d 'List everyone involved, what they did and since when'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "task" -d 'Track the steps under way: add, done, list'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "describe" -d 'Describe the incident for the review: summary, impact, scope, detection'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "factor" -d 'Contributing factors: add, list, rm'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "action" -d 'Corrective action items: add, list, done, edit'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "lesson" -d 'Lessons learned: add, list'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "review" -d 'The post-incident review, as markdown or JSON; --check says if it is ready'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "demo" -d 'Replay a made-up incident in a throwaway database and print its review'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "config" -d 'Where inc keeps its files, the settings in effect, and editing them'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "doctor" -d 'Check the setup: config, database, SQLite, permissions, integrity'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "completions" -d 'Print shell completions'
complete -c inc -n "__fish_inc_using_subcommand help; and not __fish_seen_subcommand_from open tl timeline use list show status sev mitigated resolve reopen handoff brief role responders task describe factor action lesson review demo config doctor completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "add" -d 'Add a task'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "done" -d 'Mark a task done'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "list" -d 'List an incident\'s open tasks (all with --all)'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "add" -d 'Add a contributing factor'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "list" -d 'List the contributing factors'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "rm" -d 'Remove a contributing factor'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "add" -d 'Add an action item'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "list" -d 'List action items'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "done" -d 'Mark an action item done'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "edit" -d 'Change an action item'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from lesson" -f -a "add" -d 'Add a lesson'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from lesson" -f -a "list" -d 'List the lessons'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s and the database\'s paths (opens neither)'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the settings in effect, as TOML, with where each came from (the default)'
complete -c inc -n "__fish_inc_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "edit" -d 'Edit the config file in $VISUAL or $EDITOR; it is saved only if valid'
