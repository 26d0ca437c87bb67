using Google.Protobuf.Reflection;
using Zielsteuerung.Agreements.V1;

namespace Agreements.API.Model;

/// <summary>Enum values as stored and published: the proto name without its prefix, lower case ("sgb2_48b_nr4", "in_force").</summary>
internal static class Tokens
{
    public static string Of(LegalBasis value) => Token(typeof(LegalBasis), (int)value, "LEGAL_BASIS_");

    public static string Of(AgreementStatus value) => Token(typeof(AgreementStatus), (int)value, "AGREEMENT_STATUS_");

    public static LegalBasis LegalBasisOf(string token) => (LegalBasis)Value(typeof(LegalBasis), token, "LEGAL_BASIS_");

    public static AgreementStatus StatusOf(string token) => (AgreementStatus)Value(typeof(AgreementStatus), token, "AGREEMENT_STATUS_");

    public static string Of(MeasureState value) => Token(typeof(MeasureState), (int)value, "MEASURE_STATE_");

    public static string Of(PartyRole value) => Token(typeof(PartyRole), (int)value, "PARTY_ROLE_");

    private static int Value(Type type, string token, string prefix) =>
        Descriptor(type).FindValueByName(prefix + token.ToUpperInvariant())?.Number
        ?? throw new InvalidDataException($"'{token}' is not a value of {type.Name} in the database.");

    private static EnumDescriptor Descriptor(Type type) => AgreementsReflection.Descriptor.EnumTypes.Single(e => e.ClrType == type);

    private static string Token(Type type, int number, string prefix)
    {
        var descriptor = Descriptor(type);
        var name = descriptor.FindValueByNumber(number)?.Name ?? throw new ArgumentOutOfRangeException(nameof(number), number, $"not a value of {descriptor.Name}");
        return name[prefix.Length..].ToLowerInvariant();
    }
}
