namespace Covid.Cli.Completion;

/// <summary>
/// Shell completion scripts. Each asks covid itself what may come next, through System.CommandLine's
/// suggest directive (<c>covid "[suggest:POSITION]" "LINE"</c>), so verbs, options and their values
/// (e.g. --output's formats) are always those of the installed version.
/// </summary>
internal static class CompletionScripts
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish"];

    public static string For(string shell) => shell switch
    {
        "bash" => """
            # covid completion for bash: add to ~/.bashrc
            #   source <(covid completion bash)
            _covid_complete() {
                local IFS=$'\n'
                local line="${COMP_LINE:0:$COMP_POINT}"
                COMPREPLY=($(compgen -W "$(covid "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _covid_complete covid

            """,
        "zsh" => """
            # covid completion for zsh: add to ~/.zshrc
            #   source <(covid completion zsh)
            _covid_complete() {
                local line="${BUFFER[1,$CURSOR]}"
                reply=("${(@f)$(covid "[suggest:${#line}]" "$line" 2>/dev/null)}")
            }
            compctl -K _covid_complete covid

            """,
        "fish" => """
            # covid completion for fish: save as ~/.config/fish/completions/covid.fish
            #   covid completion fish > ~/.config/fish/completions/covid.fish
            complete -c covid -f -a '(set -l line (commandline -cp); covid "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)'

            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "bash, zsh or fish"),
    };
}
