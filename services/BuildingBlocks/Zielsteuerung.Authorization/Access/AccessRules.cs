namespace Zielsteuerung.Authorization.Access;

/// <summary>
/// All access rules of this server: the <see cref="ServiceAccess"/> of each of its services. Only health
/// (grpc.health.v1) and reflection (grpc.reflection.*) answer without a token; a method of any other service that
/// has no rule is refused.
/// </summary>
public sealed class AccessRules(IEnumerable<ServiceAccess> services)
{
    private static readonly string[] OpenServices = ["/grpc.health.v1.Health/", "/grpc.reflection.v1.ServerReflection/", "/grpc.reflection.v1alpha.ServerReflection/"];

    // Open services stay open even if someone declared rules for them: the interceptor looks a method's rule up first.
    private readonly Dictionary<string, MethodAccess> _methods = services
        .SelectMany(service => service.Methods.Values)
        .Where(rule => !IsOpen(rule.Path))
        .ToDictionary(rule => rule.Path, StringComparer.Ordinal);

    /// <summary>The rule of the method at <paramref name="path"/> (<c>/package.Service/Method</c>), or null.</summary>
    public MethodAccess? Find(string path) => _methods.GetValueOrDefault(path);

    /// <summary>Whether <paramref name="path"/> belongs to a service that answers without a token.</summary>
    public static bool IsOpen(string path)
    {
        // A loop, not Any(): the lambda would capture the path, a closure per call.
        foreach (var open in OpenServices)
        {
            if (path.StartsWith(open, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
