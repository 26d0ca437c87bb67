using Google.Protobuf.Reflection;

namespace Zielsteuerung.Authorization.Access;

/// <summary>
/// The access rules of one gRPC service, declared as data next to it: for every method the scope a caller needs and
/// the party rule that applies. Declaring a service without a rule for each of its methods fails at once, so a new
/// method cannot be left open by accident.
/// </summary>
/// <example>
/// <code>
/// ServiceAccess.For(PartyRegistry.Descriptor, rules => rules
///     .Allow(Scopes.PartiesRead, "GetParty", "ListParties")
///     .Allow(Scopes.PartiesWrite, "RegisterParty"));
/// </code>
/// </example>
public sealed class ServiceAccess
{
    private ServiceAccess(string serviceName, IReadOnlyDictionary<string, MethodAccess> methods)
    {
        ServiceName = serviceName;
        Methods = methods;
    }

    /// <summary>The full name of the service, e.g. <c>zielsteuerung.parties.v1.PartyRegistry</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The rules by gRPC method path (<c>/package.Service/Method</c>).</summary>
    public IReadOnlyDictionary<string, MethodAccess> Methods { get; }

    /// <summary>Declares the rules of <paramref name="service"/>; throws if a method has none, or one that names no method.</summary>
    public static ServiceAccess For(ServiceDescriptor service, Action<Builder> declare)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(declare);
        var builder = new Builder(service);
        declare(builder);
        var missing = service.Methods.Select(m => m.Name).Where(name => !builder.Rules.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{service.FullName}: no access rule for {string.Join(", ", missing)}. Every method needs a scope (deny by default).");
        }

        return new ServiceAccess(service.FullName, builder.Rules.Values.ToDictionary(rule => rule.Path, StringComparer.Ordinal));
    }

    /// <summary>Collects the rules of one service.</summary>
    public sealed class Builder
    {
        private readonly ServiceDescriptor _service;

        internal Builder(ServiceDescriptor service) => _service = service;

        internal Dictionary<string, MethodAccess> Rules { get; } = new(StringComparer.Ordinal);

        /// <summary>Callers with <paramref name="scope"/> may call <paramref name="methods"/>, for any party.</summary>
        public Builder Allow(string scope, params string[] methods) => Allow(scope, PartyRule.AnyParty, methods);

        /// <summary>Callers with <paramref name="scope"/> whose party satisfies <paramref name="party"/> may call <paramref name="methods"/>.</summary>
        public Builder Allow(string scope, PartyRule party, params string[] methods)
        {
            ArgumentNullException.ThrowIfNull(party);
            var definition = Scopes.Find(scope) ?? throw new ArgumentException($"'{scope}' is not a scope of {nameof(Scopes)}.", nameof(scope));
            foreach (var name in methods)
            {
                var method = _service.Methods.FirstOrDefault(m => m.Name == name)
                    ?? throw new ArgumentException($"{_service.FullName} has no method '{name}'.", nameof(methods));
                if (!Rules.TryAdd(name, new MethodAccess($"/{_service.FullName}/{name}", definition.Name, party, method.IsClientStreaming)))
                {
                    throw new ArgumentException($"{_service.FullName}/{name} has two access rules.", nameof(methods));
                }

                if (method.IsClientStreaming && party.NeedsRequest)
                {
                    throw new ArgumentException(
                        $"{_service.FullName}/{name} streams its requests: its party cannot come from the request; check it in the handler (PartyRule.OfResource).",
                        nameof(party));
                }
            }

            return this;
        }
    }
}

/// <summary>What a caller needs to call one method.</summary>
public sealed record MethodAccess(string Path, string Scope, PartyRule Party, bool IsClientStreaming);
