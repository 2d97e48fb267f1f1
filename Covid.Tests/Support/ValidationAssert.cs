using Covid.SparkJob.Errors;
using Covid.SparkJob.Validation;
using Covid.V1;

namespace Covid.Tests.Support;

internal static class ValidationAssert
{
    /// <summary>Asserts that validation reports a violation at exactly <paramref name="path"/>, whose message contains <paramref name="text"/>.</summary>
    public static FieldViolation Single(AnalysisSpec spec, string path, string text)
    {
        var violations = SpecValidator.Validate(spec, TestDatasets.CasesDeaths());
        var violation = Assert.Single(violations);
        Assert.Equal(path, violation.Field);
        Assert.Contains(text, violation.Description, StringComparison.Ordinal);
        return violation;
    }

    public static AnalysisSpec With(Action<AnalysisSpec> change)
    {
        var spec = Specs.WeeklyCases();
        change(spec);
        return spec;
    }
}
