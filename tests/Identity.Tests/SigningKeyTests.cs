using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Identity.API.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Tests;

/// <summary>The signing keys themselves: new ones ECDSA P-256 (ES256, short key id), earlier RSA ones as they were.</summary>
public sealed class SigningKeyTests
{
    [Fact]
    public void A_new_key_is_ECDSA_P256_signs_ES256_with_a_short_key_id_and_no_certificate_thumbprint_in_the_header()
    {
        var now = DateTimeOffset.UtcNow;
        var key = SigningKey.Create(now, now.AddDays(1));

        Assert.Equal(SecurityAlgorithms.EcdsaSha256, key.Algorithm);
        var ecdsa = Assert.IsType<ECDsaSecurityKey>(key.SecurityKey);
        Assert.Equal(256, ecdsa.KeySize);
        Assert.Equal(Base64UrlEncoder.Encode(key.Certificate.GetCertHash(HashAlgorithmName.SHA256)[..8]), key.KeyId);
        Assert.Equal(11, key.KeyId.Length);

        var token = Sign(key.Credentials);
        Assert.Equal(["alg", "kid", "typ"], Header(token).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("ES256", key.KeyId), (Header(token).GetProperty("alg").GetString(), Header(token).GetProperty("kid").GetString()));
        Assert.Equal(86, token.Split('.')[2].Length);
        Assert.True(Validate(token, key.SecurityKey));
    }

    [Fact]
    public void A_key_stored_as_RSA_before_keeps_its_key_id_and_signs_and_validates_RS256()
    {
        var now = DateTimeOffset.UtcNow;
        var pkcs12 = LegacyRsaCertificate(now.AddDays(-10), now.AddDays(300));
        var key = SigningKey.Load(pkcs12);

        Assert.Equal(SecurityAlgorithms.RsaSha256, key.Algorithm);
        Assert.IsType<X509SecurityKey>(key.SecurityKey);
        Assert.Equal(LegacyKeyId(key.Certificate), key.KeyId);
        var token = Sign(key.Credentials);
        Assert.Equal("RS256", Header(token).GetProperty("alg").GetString());
        Assert.True(Validate(token, key.SecurityKey));
    }

    /// <summary>A key as the identity service created them before ES256: RSA-2048 in a self-signed certificate (PKCS #12).</summary>
    internal static byte[] LegacyRsaCertificate(DateTimeOffset activation, DateTimeOffset expiry)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Zielsteuerung identity signing key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        using var created = request.CreateSelfSigned(activation.AddTicks(-(activation.Ticks % TimeSpan.TicksPerSecond)), expiry.AddTicks(-(expiry.Ticks % TimeSpan.TicksPerSecond)));
        return created.Export(X509ContentType.Pkcs12);
    }

    /// <summary>The key id those keys had: the first 22 characters of the base64url SHA-256 thumbprint.</summary>
    internal static string LegacyKeyId(X509Certificate2 certificate) =>
        Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256))[..22];

    private static string Sign(SigningCredentials credentials) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "http://identity.test/",
        Audience = "party-registry",
        TokenType = "at+jwt",
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = credentials,
    });

    private static bool Validate(string token, SecurityKey key) => new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
    {
        ValidIssuer = "http://identity.test/",
        ValidAudience = "party-registry",
        ValidTypes = ["at+jwt"],
        IssuerSigningKey = key,
    }).GetAwaiter().GetResult().IsValid;

    private static JsonElement Header(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.Clone();
}
