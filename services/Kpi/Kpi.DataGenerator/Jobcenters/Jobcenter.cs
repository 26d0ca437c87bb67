namespace Kpi.DataGenerator.Jobcenters;

/// <summary>A jobcenter of the registry's reference data: <see cref="Key"/> "jc-05554", <see cref="Ags"/> "05554".</summary>
public sealed record Jobcenter(string Key, string Ags, string Name, string Form);
