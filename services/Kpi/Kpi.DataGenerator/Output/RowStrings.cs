using System.Globalization;

namespace Kpi.DataGenerator.Output;

/// <summary>The text of generated numbers: invariant, with a decimal point (the CSV writer turns it into a comma).</summary>
internal static class RowStrings
{
    private static readonly string[] SmallCounts = Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Count(long value) =>
        value is >= 0 and < 1000 ? SmallCounts[value] : value.ToString(CultureInfo.InvariantCulture);
}
