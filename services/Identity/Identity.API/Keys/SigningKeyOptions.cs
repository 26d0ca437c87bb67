namespace Identity.API.Keys;

/// <summary>The <c>Identity:SigningKeys</c> section.</summary>
internal sealed class SigningKeyOptions
{
    /// <summary>How long a key signs (and stays valid) after it activates.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// How long a rotated key is published before it signs: longer than the services take to refetch the identity
    /// service's keys (JwtBearer refetches on an unknown key id, at most every 5 minutes).
    /// </summary>
    public TimeSpan PropagationDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the ring is re-read from the database (other replicas may have rotated) and re-sorted.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
