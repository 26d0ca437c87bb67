namespace Zielsteuerung.Authorization.Access;

/// <summary>
/// Which parties a caller may act for in a method: any, a fixed set (e.g. only BA Statistik delivers figures), the
/// parties a request names (e.g. a jobcenter reads its own figures), or the parties of the resource the handler loads
/// (e.g. only a party of an agreement signs it) — checked by <see cref="PartyRequirement"/> in every case.
/// </summary>
public abstract class PartyRule
{
    private PartyRule()
    {
    }

    /// <summary>The scope is enough; the caller may act for any party.</summary>
    public static PartyRule AnyParty { get; } = new Any();

    /// <summary>
    /// Only the resource's parties may call; the handler loads the resource and calls
    /// <see cref="PartyAuthorization.AuthorizePartyAsync"/> with them before it changes anything.
    /// </summary>
    public static PartyRule OfResource { get; } = new Resource();

    /// <summary>Only callers acting for one of <paramref name="parties"/>.</summary>
    public static PartyRule Only(params string[] parties) => new Fixed(parties);

    /// <summary>Only callers acting for a party that <paramref name="partiesOf"/> reads from the request.</summary>
    public static PartyRule FromRequest<TRequest>(Func<TRequest, IEnumerable<string>> partiesOf) where TRequest : class =>
        new Request(request => request is TRequest typed ? partiesOf(typed) : []);

    internal virtual bool NeedsRequest => false;

    /// <summary>The parties the caller must act for (one of them), or null when no check applies before the handler.</summary>
    internal abstract IReadOnlyCollection<string>? PartiesFor(object request);

    private sealed class Any : PartyRule
    {
        internal override IReadOnlyCollection<string>? PartiesFor(object request) => null;
    }

    private sealed class Resource : PartyRule
    {
        internal override IReadOnlyCollection<string>? PartiesFor(object request) => null;
    }

    private sealed class Fixed(string[] parties) : PartyRule
    {
        internal override IReadOnlyCollection<string> PartiesFor(object request) => parties;
    }

    private sealed class Request(Func<object, IEnumerable<string>> partiesOf) : PartyRule
    {
        internal override bool NeedsRequest => true;

        internal override IReadOnlyCollection<string> PartiesFor(object request) => partiesOf(request).Where(p => p.Length > 0).ToList();
    }
}
