using System.Reflection;
using System.Text;
using Google.Protobuf.Reflection;

namespace Zielsteuerung.Grpc.AspNetCore.Internal;

/// <summary>
/// Binds an implementation type to a protobuf service descriptor once, at startup: finds each method by name
/// and signature and builds a handler with compiled delegates (no reflection per call).
/// </summary>
internal static class ServiceBinder
{
    public static List<IServerMethodHandler> Bind<TService>(ServiceDescriptor service, ServerSettings settings, IServiceProvider services) where TService : class
    {
        var errors = new List<string>();
        var handlers = new List<IServerMethodHandler>(service.Methods.Count);
        foreach (var method in service.Methods)
        {
            var requestType = method.InputType.ClrType;
            var responseType = method.OutputType.ClrType;
            if (requestType is null || responseType is null)
            {
                errors.Add($"method '{method.Name}': its messages have no generated C# types (descriptor not from generated code).");
                continue;
            }
            var type = Method.TypeOf(method);
            var (returnType, parameters) = ExpectedSignature(type, requestType, responseType);
            var candidate = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null);
            if (candidate is null || candidate.ReturnType != returnType)
            {
                var found = typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Where(m => m.Name == method.Name)
                    .Select(Describe)
                    .ToList();
                errors.Add($"method '{method.Name}' ({type}) must be 'public {Describe(returnType, method.Name, parameters)}'"
                    + (found.Count == 0 ? "; no public method of that name was found." : "; found: " + string.Join("; ", found) + "."));
                continue;
            }
            var handlerType = typeof(ServerMethodHandler<,,>).MakeGenericType(typeof(TService), requestType, responseType);
            handlers.Add((IServerMethodHandler)Activator.CreateInstance(handlerType, method, candidate, settings, services)!);
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot bind gRPC service '{service.FullName}' to {typeof(TService).FullName}: " + string.Join(" ", errors));
        }
        return handlers;
    }

    public static (Type ReturnType, Type[] Parameters) ExpectedSignature(MethodType type, Type request, Type response) => type switch
    {
        MethodType.Unary => (typeof(Task<>).MakeGenericType(response), [request, typeof(ServerCallContext)]),
        MethodType.ServerStreaming => (typeof(Task), [request, typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext)]),
        MethodType.ClientStreaming => (typeof(Task<>).MakeGenericType(response), [typeof(IAsyncStreamReader<>).MakeGenericType(request), typeof(ServerCallContext)]),
        _ => (typeof(Task), [typeof(IAsyncStreamReader<>).MakeGenericType(request), typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext)]),
    };

    private static string Describe(MethodInfo method) =>
        Describe(method.ReturnType, method.Name, method.GetParameters().Select(p => p.ParameterType).ToArray());

    private static string Describe(Type returnType, string name, Type[] parameters) =>
        $"{TypeName(returnType)} {name}({string.Join(", ", parameters.Select(TypeName))})";

    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }
        var name = new StringBuilder(type.Name[..type.Name.IndexOf('`')]).Append('<');
        name.AppendJoin(", ", type.GetGenericArguments().Select(TypeName));
        return name.Append('>').ToString();
    }
}
