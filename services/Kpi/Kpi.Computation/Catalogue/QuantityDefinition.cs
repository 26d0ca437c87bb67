namespace Kpi.Computation;

/// <summary>A stock is counted at the month's end, a flow during the month.</summary>
public enum QuantityKind { Stock, Flow }

/// <summary>A monthly base quantity as BA Statistik delivers it.</summary>
/// <param name="BySex">Whether it is delivered for women and men too (false for the sums of benefits in EUR).</param>
public sealed record QuantityDefinition(string Code, string NameDe, string NameEn, string Unit, QuantityKind Kind, bool BySex);
