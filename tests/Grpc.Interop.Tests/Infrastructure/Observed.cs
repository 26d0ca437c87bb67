using System.Text.Json;

namespace Zielsteuerung.Interop.Tests.Infrastructure;

/// <summary>Reading what a peer printed: texts, lists, and the failures it observed with their google.rpc details.</summary>
public static class Observed
{
    /// <summary>The domain of access control's ErrorInfo (Zielsteuerung.Authorization).</summary>
    public const string AccessDomain = "identity.zielsteuerung";

    /// <summary>A string property, "" when it is absent (the JSON mapping leaves default values out).</summary>
    public static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() ?? "" : "";

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The elements of an array property, none when it is absent.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.EnumerateArray() : [];

    /// <summary>
    /// A failure a check observed: its code, the same code and message in google.rpc.Status (grpc-status-details-bin),
    /// and its one detail, of <paramref name="detailType"/>; returns the message and the detail's fields.
    /// </summary>
    public static (string Message, JsonElement Detail) Failure(JsonElement result, int code, string detailType)
    {
        var message = Text(result, "details");
        Assert.Equal(code, result.GetProperty("code").GetInt32());
        var status = result.GetProperty("status");
        Assert.Equal((code, message), (status.GetProperty("code").GetInt32(), Text(status, "message")));
        var detail = Assert.Single(status.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/" + detailType, Text(detail, "type_url"));
        return (message, detail.GetProperty("value"));
    }

    /// <summary>
    /// A refusal of access control: the code and its one ErrorInfo (reason, domain); returns the message, which is not
    /// compared whole (its wording belongs to Zielsteuerung.Authorization and its tests), and the ErrorInfo's metadata.
    /// </summary>
    public static (string Message, JsonElement Metadata) Refusal(JsonElement result, int code, string reason)
    {
        var (message, info) = Failure(result, code, "google.rpc.ErrorInfo");
        Assert.Equal((reason, AccessDomain), (Text(info, "reason"), Text(info, "domain")));
        return (message, info.GetProperty("metadata"));
    }
}
