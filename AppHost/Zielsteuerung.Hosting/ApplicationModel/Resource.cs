namespace Zielsteuerung.Hosting.ApplicationModel;

/// <summary>Something the AppHost runs or provides: a server, a database, a service.</summary>
public interface IResource
{
    /// <summary>Kebab-case name, unique in the application (e.g. <c>parties-db</c>).</summary>
    string Name { get; }

    /// <summary>Declarative facts attached by the builder (endpoints, environment, references, waits).</summary>
    IList<IResourceAnnotation> Annotations { get; }
}

/// <summary>Marker for the facts attached to a resource.</summary>
public interface IResourceAnnotation;

/// <summary>A resource others reach with a connection string (<c>ConnectionStrings__&lt;name&gt;</c>).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string, available once the application has allocated its ports.</summary>
    string? GetConnectionString();
}

/// <summary>A resource that belongs to another one, e.g. a database of a server.</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

/// <summary>Base class of all resources.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = ValidateName(name);

    public IList<IResourceAnnotation> Annotations { get; } = [];

    public override string ToString() => Name;

    private static string ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || name[0] == '-' || name[^1] == '-')
        {
            throw new ArgumentException($"Resource name '{name}' must be kebab-case: lower-case letters, digits and inner dashes.", nameof(name));
        }

        return name;
    }
}
