
set edit:completion:arg-completer[inc] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) INC_COMPLETE="elvish" inc -- $@words) | to-lines
}

