using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Health.V1;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// The descriptor set the peers load their message types from (what <c>protoc --descriptor_set_out
/// --include_imports</c> writes), built from the descriptors compiled into our assemblies: the peers see
/// exactly the contracts we compiled, and no protoc run is needed at test time.
/// </summary>
internal static class InteropDescriptors
{
    private static readonly Lazy<string> LazyPath = new(Write);

    /// <summary>The file, written once per test run into a temp directory removed at exit.</summary>
    public static string Path => LazyPath.Value;

    private static string Write()
    {
        var set = new FileDescriptorSet();
        var added = new HashSet<string>();
        foreach (var file in new[]
                 {
                     EchoReflection.Descriptor, StatusReflection.Descriptor, ErrorDetailsReflection.Descriptor,
                     HealthReflection.Descriptor, global::Grpc.Reflection.V1.ReflectionReflection.Descriptor,
                     global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
                 })
        {
            Add(file);
        }

        var directory = Directory.CreateTempSubdirectory("zielsteuerung-interop-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => directory.Delete(recursive: true);
        var path = System.IO.Path.Combine(directory.FullName, "interop.pb");
        File.WriteAllBytes(path, set.ToByteArray());
        return path;

        // Dependencies first, as protoc orders them: the peers add files to their pools in this order.
        void Add(FileDescriptor file)
        {
            if (!added.Add(file.Name))
            {
                return;
            }
            foreach (var dependency in file.Dependencies)
            {
                Add(dependency);
            }
            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }
    }
}
