using Google.Protobuf.Reflection;

namespace Zielsteuerung.Grpc.AspNetCore.Reflection;

/// <summary>
/// The descriptors reachable from the mapped services: their files and the files those import, every symbol
/// declared in them, and their extensions (proto3 declares none, but imported proto2 files may).
/// </summary>
internal sealed class ReflectionIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageNames = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> _extensions = [];

    public ReflectionIndex(IEnumerable<ServiceDescriptor> services)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            names.Add(service.FullName);
            AddFile(service.File);
        }

        ServiceNames = [.. names];
    }

    /// <summary>The full names of the mapped services, sorted.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => _files.GetValueOrDefault(name);

    /// <summary>
    /// The file declaring a service, method, message, enum, enum value, field, oneof or extension by its
    /// fully-qualified name (without leading dot), nested types included, as grpc-go resolves them.
    /// </summary>
    public FileDescriptor? FindFileContainingSymbol(string fullName) => _symbols.GetValueOrDefault(fullName);

    public FileDescriptor? FindFileContainingExtension(string extendee, int number) =>
        _extensions.GetValueOrDefault((extendee, number));

    /// <summary>The extension numbers of a message, sorted; null if the message is unknown.</summary>
    public IReadOnlyList<int>? FindExtensionNumbers(string messageName) => _messageNames.Contains(messageName)
        ? [.. _extensions.Keys.Where(key => key.Extendee == messageName).Select(key => key.Number).Order()]
        : null;

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(file, enumType, file.Package);
        }

        foreach (var service in file.Services)
        {
            AddSymbol(file, service.FullName);
            foreach (var method in service.Methods)
            {
                AddSymbol(file, method.FullName);
            }
        }

        AddExtensions(file, file.Extensions.UnorderedExtensions);
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        AddSymbol(file, message.FullName);
        _messageNames.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            AddSymbol(file, field.FullName);
        }

        foreach (var oneof in message.Oneofs)
        {
            AddSymbol(file, oneof.FullName);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var nested in message.EnumTypes)
        {
            AddEnum(file, nested, message.FullName);
        }

        AddExtensions(file, message.Extensions.UnorderedExtensions);
    }

    private void AddEnum(FileDescriptor file, EnumDescriptor enumType, string scope)
    {
        AddSymbol(file, enumType.FullName);
        foreach (var value in enumType.Values)
        {
            // Enum values are siblings of their enum in protobuf's scoping (pkg.VALUE, not pkg.Enum.VALUE).
            AddSymbol(file, scope.Length == 0 ? value.Name : scope + "." + value.Name);
        }
    }

    private void AddExtensions(FileDescriptor file, IEnumerable<FieldDescriptor> declared)
    {
        foreach (var extension in declared)
        {
            AddSymbol(file, extension.FullName);
            _extensions.TryAdd((extension.ExtendeeType.FullName, extension.FieldNumber), file);
        }
    }

    private void AddSymbol(FileDescriptor file, string fullName) => _symbols.TryAdd(fullName, file);
}
