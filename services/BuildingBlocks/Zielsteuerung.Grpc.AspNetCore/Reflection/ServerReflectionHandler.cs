using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using RequestCase = Grpc.Reflection.V1.ServerReflectionRequest.MessageRequestOneofCase;

namespace Zielsteuerung.Grpc.AspNetCore.Reflection;

/// <summary>
/// Answers the requests of one ServerReflectionInfo stream (grpc/grpc doc/server-reflection.md), as grpc-go does:
/// lookups that find nothing answer an error_response with NOT_FOUND and the stream goes on.
/// </summary>
internal sealed class ServerReflectionHandler(ReflectionIndex index)
{
    // Files already sent on this stream: a file response carries the requested file and those of its transitive
    // dependencies the client has not received yet.
    private readonly HashSet<string> _sentFiles = new(StringComparer.Ordinal);

    public ServerReflectionResponse Handle(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case RequestCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse
                {
                    Service = { index.ServiceNames.Select(name => new ServiceResponse { Name = name }) },
                };
                break;
            case RequestCase.FileByFilename:
                SetFiles(response, index.FindFile(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case RequestCase.FileContainingSymbol:
                SetFiles(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case RequestCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFiles(response, index.FindFileContainingExtension(extension.ContainingType, extension.ExtensionNumber),
                    $"Extension {extension.ExtensionNumber} of '{extension.ContainingType}' not found.");
                break;
            case RequestCase.AllExtensionNumbersOfType:
                var numbers = index.FindExtensionNumbers(request.AllExtensionNumbersOfType);
                if (numbers is null)
                {
                    SetNotFound(response, $"Type '{request.AllExtensionNumbersOfType}' not found.");
                }
                else
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse
                    {
                        BaseTypeName = request.AllExtensionNumbersOfType,
                        ExtensionNumber = { numbers },
                    };
                }

                break;
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument, "The reflection request names no message_request."));
        }

        return response;
    }

    private void SetFiles(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetNotFound(response, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (!_sentFiles.Add(next.Name) && next != file)
            {
                continue;
            }

            files.FileDescriptorProto.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }

        response.FileDescriptorResponse = files;
    }

    private static void SetNotFound(ServerReflectionResponse response, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = message };
}
