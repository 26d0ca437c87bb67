using Zielsteuerung.Grpc;

namespace Zielsteuerung.Parties.V1;

/// <summary>
/// The typed client of <c>zielsteuerung.parties.v1.PartyRegistry</c>. Create it once per channel
/// (<c>new PartyRegistryClient(GrpcChannel.ForAddress(…))</c>); it is thread-safe. Errors arrive as
/// <see cref="RpcException"/> with google.rpc details (read them with <c>GetRpcStatus()</c>).
/// </summary>
public sealed class PartyRegistryClient : ClientBase
{
    private static readonly Method<GetPartyRequest, Party> GetPartyMethod = Create<GetPartyRequest, Party>("GetParty");
    private static readonly Method<GetPartyByAgsRequest, Party> GetPartyByAgsMethod = Create<GetPartyByAgsRequest, Party>("GetPartyByAgs");
    private static readonly Method<SearchPartiesRequest, SearchPartiesResponse> SearchPartiesMethod = Create<SearchPartiesRequest, SearchPartiesResponse>("SearchParties");
    private static readonly Method<ListPartiesRequest, ListPartiesResponse> ListPartiesMethod = Create<ListPartiesRequest, ListPartiesResponse>("ListParties");
    private static readonly Method<ListGroupMembersRequest, ListGroupMembersResponse> ListGroupMembersMethod = Create<ListGroupMembersRequest, ListGroupMembersResponse>("ListGroupMembers");
    private static readonly Method<RegisterPartyRequest, Party> RegisterPartyMethod = Create<RegisterPartyRequest, Party>("RegisterParty");
    private static readonly Method<RecordChangeRequest, Party> RecordChangeMethod = Create<RecordChangeRequest, Party>("RecordChange");
    private static readonly Method<ListPartyHistoryRequest, PartyHistory> ListPartyHistoryMethod = Create<ListPartyHistoryRequest, PartyHistory>("ListPartyHistory");
    private static readonly Method<ImportPartiesRequest, ImportPartiesResponse> ImportPartiesMethod = Create<ImportPartiesRequest, ImportPartiesResponse>("ImportParties");

    public PartyRegistryClient(CallInvoker callInvoker) : base(callInvoker) { }

    public PartyRegistryClient(GrpcChannel channel) : base(channel) { }

    /// <summary>The protobuf descriptor of the service (for server binding and reflection).</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => PartiesReflection.Descriptor.Services[0];

    public AsyncUnaryCall<Party> GetPartyAsync(GetPartyRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(GetPartyMethod, null, options, request);

    public AsyncUnaryCall<Party> GetPartyByAgsAsync(GetPartyByAgsRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(GetPartyByAgsMethod, null, options, request);

    public AsyncUnaryCall<SearchPartiesResponse> SearchPartiesAsync(SearchPartiesRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(SearchPartiesMethod, null, options, request);

    public AsyncUnaryCall<ListPartiesResponse> ListPartiesAsync(ListPartiesRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(ListPartiesMethod, null, options, request);

    public AsyncUnaryCall<ListGroupMembersResponse> ListGroupMembersAsync(ListGroupMembersRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(ListGroupMembersMethod, null, options, request);

    public AsyncUnaryCall<Party> RegisterPartyAsync(RegisterPartyRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(RegisterPartyMethod, null, options, request);

    public AsyncUnaryCall<Party> RecordChangeAsync(RecordChangeRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(RecordChangeMethod, null, options, request);

    public AsyncUnaryCall<PartyHistory> ListPartyHistoryAsync(ListPartyHistoryRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(ListPartyHistoryMethod, null, options, request);

    public AsyncUnaryCall<ImportPartiesResponse> ImportPartiesAsync(ImportPartiesRequest request, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(ImportPartiesMethod, null, options, request);

    private static Method<TRequest, TResponse> Create<TRequest, TResponse>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        Method.Create<TRequest, TResponse>(PartiesReflection.Descriptor.Services[0].FindMethodByName(name));
}
