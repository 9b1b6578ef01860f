complete --keep-order --exclusive --command inc --arguments "(INC_COMPLETE=fish inc -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
