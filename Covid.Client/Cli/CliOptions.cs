using System.CommandLine;

namespace Covid.Cli;

/// <summary>Options several verbs take; a new instance per verb, since an option belongs to one command.</summary>
internal static class CliOptions
{
    public static Option<OutputFormat> Output()
    {
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = "How to print tables: table, csv, json or parquet (binary: redirect stdout to a file).",
            HelpName = "table|csv|json|parquet",
            DefaultValueFactory = _ => OutputFormat.Table,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
                if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format) && !char.IsDigit(text.FirstOrDefault()))
                {
                    return format;
                }

                result.AddError($"--output must be table, csv, json or parquet, not '{text}'.");
                return OutputFormat.Table;
            },
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add("table", "csv", "json", "parquet");
        return option;
    }

    public static Option<string> RequestId() => new("--request-id")
    {
        Description = "An id for idempotent submission: retrying with the same id returns the same analysis.",
    };

    public static Option<bool> Recompute() => new("--recompute")
    {
        Description = "Run the spec again even if you already have a succeeded analysis of it over the same dataset version (otherwise that one answers).",
    };

    public static Argument<string> AnalysisName() => new("name")
    {
        Description = "The analysis: \"analyses/{id}\" or just the id.",
    };

    public static Argument<string> SpecPath() => new("spec")
    {
        Description = "A spec file in its proto3 JSON form (see deploy/examples/).",
    };
}
