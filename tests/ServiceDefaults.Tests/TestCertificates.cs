using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ServiceDefaults.Tests;

/// <summary>
/// A test CA with a server certificate (localhost, 127.0.0.1) and a client certificate, and a foreign CA with a
/// client certificate of its own, generated once and written as PEM files into a temporary directory.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly List<X509Certificate2> _certificates = [];

    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tls-tests-").FullName;
        Authority = CreateAuthority("Zielsteuerung Test CA", "ca");
        var foreignAuthority = CreateAuthority("Foreign Test CA", "foreign-ca");
        Server = CreateLeaf(Authority, "server", ServerAuthentication, "localhost", IPAddress.Loopback);
        OtherHostServer = CreateLeaf(Authority, "other-host", ServerAuthentication, "other.example", null);
        Client = CreateLeaf(Authority, "client", ClientAuthentication, null, null);
        ForeignClient = CreateLeaf(foreignAuthority, "foreign-client", ClientAuthentication, null, null);
    }

    /// <summary>The temporary directory with the PEM files name.pem and name.key.</summary>
    public string Directory { get; }

    /// <summary>The test CA, which signed the server and client certificates.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate (with its key) of the test CA: localhost and 127.0.0.1, server authentication only.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>A client certificate (with its key) of the test CA.</summary>
    public X509Certificate2 Client { get; }

    /// <summary>A client certificate (with its key) of another CA.</summary>
    public X509Certificate2 ForeignClient { get; }

    /// <summary>A server certificate of the test CA for "other.example" only.</summary>
    public X509Certificate2 OtherHostServer { get; }

    public string CertificatePath(string name) => Path.Combine(Directory, name + ".pem");

    public string KeyPath(string name) => Path.Combine(Directory, name + ".key");

    public void Dispose()
    {
        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private X509Certificate2 CreateAuthority(string commonName, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var authority = Keep(request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1)));
        File.WriteAllText(CertificatePath(name), authority.ExportCertificatePem());
        return authority;
    }

    private X509Certificate2 CreateLeaf(X509Certificate2 authority, string name, string usage, string? dnsName, IPAddress? address)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName ?? name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (dnsName is not null || address is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            if (dnsName is not null)
            {
                names.AddDnsName(dnsName);
            }
            if (address is not null)
            {
                names.AddIpAddress(address);
            }
            request.CertificateExtensions.Add(names.Build());
        }
        var now = DateTimeOffset.UtcNow;
        using var publicOnly = request.Create(authority, now.AddMinutes(-5), authority.NotAfter.ToUniversalTime().AddMinutes(-1), RandomNumberGenerator.GetBytes(16));
        var certificate = Keep(publicOnly.CopyWithPrivateKey(key));
        File.WriteAllText(CertificatePath(name), certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath(name), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private X509Certificate2 Keep(X509Certificate2 certificate)
    {
        _certificates.Add(certificate);
        return certificate;
    }
}
