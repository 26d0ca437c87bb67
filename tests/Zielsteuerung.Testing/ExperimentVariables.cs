namespace Zielsteuerung.Testing;

/// <summary>Environment for a service under a benchmark, from a variable of the form "Name=value;Name2=value2".</summary>
public static class ExperimentVariables
{
    public static IEnumerable<(string Name, string Value)> From(string variable) =>
        (Environment.GetEnvironmentVariable(variable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]));
}
