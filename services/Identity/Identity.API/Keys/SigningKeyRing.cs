using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Identity.API.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Identity.API.Keys;

/// <summary>
/// The persisted signing keys, handed to OpenIddict as its signing credentials (ES256, or RS256 for keys stored as RSA
/// before). The valid key that expires last signs (the ring puts it first) and OpenIddict publishes every registered
/// key in its JWKS, so a rotated key (later activation, later expiry) is published at once and signs from its
/// activation, and earlier tokens keep validating while their key stays registered. The ring re-reads the table every <see cref="SigningKeyOptions.RefreshInterval"/> and makes
/// OpenIddict rebuild its options when the set or the signing key changed.
/// </summary>
internal sealed partial class SigningKeyRing(
    IServiceScopeFactory scopes, IOptions<SigningKeyOptions> options, TimeProvider time, ILogger<SigningKeyRing> logger)
    : BackgroundService, IConfigureOptions<OpenIddictServerOptions>, IPostConfigureOptions<OpenIddictServerOptions>,
      IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    private const long CreationLock = 0x5a49_454c_4b45_5953; // "ZIELKEYS": one replica creates the first key
    private volatile IReadOnlyList<SigningKey> _keys = [];
    private CancellationTokenSource _changed = new();
    private string? _signingKeyId;

    public string? Name => Microsoft.Extensions.Options.Options.DefaultName;

    /// <summary>The published keys, newest activation first.</summary>
    public IReadOnlyList<SigningKey> Keys => _keys;

    /// <summary>The key that signs now: the valid one that expires last (OpenIddict's own preference).</summary>
    public SigningKey? Current => Signing(_keys, time.GetUtcNow());

    /// <summary>The public keys, for validating this service's own tokens (its admin API) without a round trip.</summary>
    public IEnumerable<SecurityKey> ValidationKeys => _keys.Select(key => key.SecurityKey);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureSigningKeyAsync(cancellationToken);
        await ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReloadOrLogAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReloadOrLogAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReloadAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReloadFailed(e);
        }
    }

    /// <summary>Adds a key that is published now and signs after the propagation delay.</summary>
    public async Task<SigningKey> RotateAsync(CancellationToken cancellationToken)
    {
        var activation = time.GetUtcNow() + options.Value.PropagationDelay;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var key = await AddAsync(db, activation, cancellationToken);
        await ReloadAsync(cancellationToken);
        LogRotated(key.KeyId, key.ActivatesAt);
        return key;
    }

    /// <summary>Stops publishing a key; null if it is unknown; refused for the key that signs now.</summary>
    public async Task<SigningKey?> RetireAsync(string keyId, CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        var key = _keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null)
        {
            return null;
        }

        if (key.KeyId == Current?.KeyId)
        {
            throw new KeyInUseException(keyId);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await db.SigningKeys.Where(k => k.KeyId == keyId).ExecuteUpdateAsync(k => k.SetProperty(r => r.RetiredAt, time.GetUtcNow()), cancellationToken);
        await ReloadAsync(cancellationToken);
        return key;
    }

    public void Configure(OpenIddictServerOptions options)
    {
        foreach (var key in _keys)
        {
            options.SigningCredentials.Add(key.Credentials);
        }
    }

    /// <summary>
    /// OpenIddict signs with the first of its credentials after sorting them, and its sort prefers certificates to other
    /// keys: an ECDSA key (not a certificate key, so that tokens carry no x5t) would never sign while an earlier RSA
    /// certificate is valid. The ring decides instead: the key that signs now goes first. Runs after OpenIddict's own
    /// post-configuration (registered after it).
    /// </summary>
    public void PostConfigure(string? name, OpenIddictServerOptions options)
    {
        var current = Current?.SecurityKey;
        var index = options.SigningCredentials.FindIndex(credentials => ReferenceEquals(credentials.Key, current));
        if (index > 0)
        {
            var signing = options.SigningCredentials[index];
            options.SigningCredentials.RemoveAt(index);
            options.SigningCredentials.Insert(0, signing);
        }
    }

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var now = time.GetUtcNow();
        var rows = await db.SigningKeys.AsNoTracking()
            .Where(k => k.RetiredAt == null && k.ExpiresAt > now)
            .OrderByDescending(k => k.ActivatesAt)
            .ToListAsync(cancellationToken);
        var previous = _keys;
        IReadOnlyList<SigningKey> keys = [.. rows.Select(row => previous.FirstOrDefault(k => k.KeyId == row.KeyId) ?? SigningKey.Load(row))];
        var signing = Signing(keys, now)?.KeyId;
        if (previous.Select(k => k.KeyId).SequenceEqual(keys.Select(k => k.KeyId)) && signing == _signingKeyId)
        {
            return;
        }

        _keys = keys;
        _signingKeyId = signing;
        var changed = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        await changed.CancelAsync();
        changed.Dispose();
    }

    private async Task EnsureSigningKeyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreationLock})", cancellationToken);
            var now = time.GetUtcNow();
            if (!await db.SigningKeys.AnyAsync(k => k.RetiredAt == null && k.ActivatesAt <= now && k.ExpiresAt > now, cancellationToken))
            {
                var key = await AddAsync(db, now, cancellationToken);
                LogCreated(key.KeyId);
            }

            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task<SigningKey> AddAsync(IdentityDbContext db, DateTimeOffset activation, CancellationToken cancellationToken)
    {
        var key = SigningKey.Create(activation, activation + options.Value.Lifetime);
        db.SigningKeys.Add(new SigningKeyRow
        {
            KeyId = key.KeyId,
            Certificate = key.Certificate.Export(X509ContentType.Pkcs12),
            ActivatesAt = key.ActivatesAt,
            ExpiresAt = key.ExpiresAt,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    private static SigningKey? Signing(IReadOnlyList<SigningKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.ActivatesAt <= now && now < k.ExpiresAt).MaxBy(k => k.ExpiresAt);

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created signing key {KeyId}: no valid key was stored.")]
    private partial void LogCreated(string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated: signing key {KeyId} is published now and signs from {ActivatesAt:u}.")]
    private partial void LogRotated(string keyId, DateTimeOffset activatesAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the signing keys failed; the ones loaded stay in use.")]
    private partial void LogReloadFailed(Exception exception);
}

/// <summary>
/// One signing key in a self-signed certificate whose validity is the key's. New keys are ECDSA P-256 and sign ES256
/// with a bare <see cref="ECDsaSecurityKey"/> (key id: base64url of the first 8 bytes of the certificate's SHA-256
/// thumbprint, 11 characters; no x5t in the token header): a token is about 500 characters instead of 834, and every
/// call carries it. Keys stored as RSA before keep signing and validating RS256 as they did, with their 22-character key id.
/// </summary>
internal sealed class SigningKey
{
    private SigningKey(X509Certificate2 certificate)
    {
        Certificate = certificate;
        var thumbprint = certificate.GetCertHash(HashAlgorithmName.SHA256);
        if (certificate.GetECDsaPrivateKey() is { } ecdsa)
        {
            KeyId = Base64UrlEncoder.Encode(thumbprint[..8]);
            SecurityKey = new ECDsaSecurityKey(ecdsa) { KeyId = KeyId };
            Algorithm = SecurityAlgorithms.EcdsaSha256;
        }
        else
        {
            KeyId = Base64UrlEncoder.Encode(thumbprint)[..22];
            SecurityKey = new X509SecurityKey(certificate, KeyId);
            Algorithm = SecurityAlgorithms.RsaSha256;
        }
    }

    public string KeyId { get; }

    public X509Certificate2 Certificate { get; }

    public AsymmetricSecurityKey SecurityKey { get; }

    /// <summary>The JWS algorithm of the key's type: <c>ES256</c> for ECDSA keys, <c>RS256</c> for the earlier RSA ones.</summary>
    public string Algorithm { get; }

    public SigningCredentials Credentials => new(SecurityKey, Algorithm);

    public DateTimeOffset ActivatesAt => new(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public DateTimeOffset ExpiresAt => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public static SigningKey Create(DateTimeOffset activation, DateTimeOffset expiry)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Zielsteuerung identity signing key", ecdsa, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        // Whole seconds: the certificate keeps no more, and the stored times must equal the certificate's.
        using var created = request.CreateSelfSigned(Truncate(activation), Truncate(expiry));
        return Load(created.Export(X509ContentType.Pkcs12));
    }

    public static SigningKey Load(SigningKeyRow row) => Load(row.Certificate);

    internal static SigningKey Load(byte[] pkcs12) =>
        new(X509CertificateLoader.LoadPkcs12(pkcs12, password: null, X509KeyStorageFlags.EphemeralKeySet));

    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}

/// <summary>The key to retire is the one that signs now.</summary>
internal sealed class KeyInUseException(string keyId) : Exception($"key '{keyId}' signs the tokens issued now: rotate first, and retire it once the new key signs.")
{
    public string KeyId { get; } = keyId;
}
