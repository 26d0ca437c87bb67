using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Zielsteuerung.ServiceDefaults;

/// <summary>
/// The certificates named in the <c>Tls</c> section, read once from PEM files: the CAs that client certificates must
/// chain to, the client certificate the service presents to other services, and the CAs it trusts for their server
/// certificates. A bad setting fails here, with the setting and the path in the message.
/// </summary>
internal sealed class TlsCertificates : IDisposable
{
    internal const string RequiredKey = "Tls:Required";
    internal const string ClientCertificateAuthorityKey = "Tls:ClientCertificateAuthority";
    internal const string ClientCertificatePathKey = "Tls:ClientCertificate:Path";
    internal const string ClientCertificateKeyPathKey = "Tls:ClientCertificate:KeyPath";
    internal const string ServerCertificateAuthorityKey = "Tls:ServerCertificateAuthority";

    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private readonly X509Certificate2? _clientCertificate;
    private readonly X509Certificate2Collection _clientCertificateIntermediates = [];
    private readonly SslStreamCertificateContext? _clientCertificateContext;

    public TlsCertificates(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            ClientAuthorities = LoadAuthorities(configuration, ClientCertificateAuthorityKey);
            ServerAuthorities = LoadAuthorities(configuration, ServerCertificateAuthorityKey);
            _clientCertificate = LoadClientCertificate(configuration, _clientCertificateIntermediates);
            if (_clientCertificate is not null)
            {
                _clientCertificateContext = SslStreamCertificateContext.Create(_clientCertificate, _clientCertificateIntermediates, offline: true);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Roots for client certificates (Tls:ClientCertificateAuthority); null: Kestrel's default (system trust).</summary>
    public X509Certificate2Collection? ClientAuthorities { get; }

    /// <summary>Roots for the server certificates of other services (Tls:ServerCertificateAuthority); null: system trust.</summary>
    public X509Certificate2Collection? ServerAuthorities { get; }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to one of <see cref="ClientAuthorities"/> alone (no system
    /// roots, no revocation check) and, if it names extended key usages, allows client authentication.
    /// </summary>
    public bool IsTrustedClientCertificate(X509Certificate2 certificate, X509Chain? presented)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (ClientAuthorities is null)
        {
            return false;
        }
        using var chain = new X509Chain();
        var policy = CustomRootPolicy(ClientAuthorities, ClientAuthenticationOid);
        if (presented is not null)
        {
            // The intermediates the client sent along with its certificate.
            policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }
        chain.ChainPolicy = policy;
        return chain.Build(certificate);
    }

    /// <summary>
    /// Makes an outgoing connection present the client certificate and trust the private server CA, each only when
    /// configured; without either setting <paramref name="handler"/> stays as it is.
    /// </summary>
    public void ConfigureClientHandler(HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_clientCertificateContext is null && ServerAuthorities is null)
        {
            return;
        }
        if (handler is not SocketsHttpHandler sockets)
        {
            throw new InvalidOperationException(
                $"{ClientCertificatePathKey} and {ServerCertificateAuthorityKey} need a SocketsHttpHandler as the gRPC client's primary handler, not {handler.GetType().FullName}.");
        }
        if (_clientCertificateContext is not null)
        {
            sockets.SslOptions.ClientCertificateContext = _clientCertificateContext;
        }
        if (ServerAuthorities is not null)
        {
            // SslStream checks the host name separately from the chain, so a custom chain policy keeps that check.
            sockets.SslOptions.CertificateChainPolicy = CustomRootPolicy(ServerAuthorities, ServerAuthenticationOid);
        }
    }

    public void Dispose()
    {
        _clientCertificate?.Dispose();
        DisposeAll(_clientCertificateIntermediates);
        DisposeAll(ClientAuthorities);
        DisposeAll(ServerAuthorities);
    }

    private static X509ChainPolicy CustomRootPolicy(X509Certificate2Collection roots, string usage)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        // A certificate without the extension is valid for any usage; one with it must list this usage.
        policy.ApplicationPolicy.Add(new Oid(usage));
        return policy;
    }

    private static X509Certificate2Collection? LoadAuthorities(IConfiguration configuration, string key)
    {
        var path = configuration[key];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        RequireFile(key, path);
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            DisposeAll(roots);
            throw new InvalidOperationException($"{key}: '{path}' cannot be read as PEM certificates: {e.Message}", e);
        }
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"{key}: '{path}' contains no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
        return roots;
    }

    private static X509Certificate2? LoadClientCertificate(IConfiguration configuration, X509Certificate2Collection intermediates)
    {
        var path = configuration[ClientCertificatePathKey];
        var keyPath = configuration[ClientCertificateKeyPathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return string.IsNullOrWhiteSpace(keyPath)
                ? null
                : throw new InvalidOperationException(
                    $"{ClientCertificateKeyPathKey} is '{keyPath}', but {ClientCertificatePathKey} is not set: a client certificate needs both its certificate and its key.");
        }
        RequireFile(ClientCertificatePathKey, path);
        if (string.IsNullOrWhiteSpace(keyPath))
        {
            keyPath = null;
        }
        else
        {
            RequireFile(ClientCertificateKeyPathKey, keyPath);
        }

        X509Certificate2 certificate;
        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPemFile(path);
            certificate = X509Certificate2.CreateFromPemFile(path, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            DisposeAll(all);
            throw new InvalidOperationException(
                $"{ClientCertificatePathKey} '{path}' and {ClientCertificateKeyPathKey} '{keyPath ?? "(the same file)"}' do not hold a PEM certificate with its private key: {e.Message}", e);
        }
        // all[0] is the certificate itself (without its key); intermediates after it in the file are sent along.
        all[0].Dispose();
        for (var i = 1; i < all.Count; i++)
        {
            intermediates.Add(all[i]);
        }

        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot authenticate with the ephemeral key of a PEM import; a PKCS#12 round trip persists it.
            using var ephemeral = certificate;
            certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }
        return certificate;
    }

    private static void RequireFile(string key, string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{key}: the file '{path}' does not exist.");
        }
    }

    private static void DisposeAll(X509Certificate2Collection? certificates)
    {
        if (certificates is null)
        {
            return;
        }
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
