namespace Kpi.Ingestion.API.Model;

/// <summary>A request the service refuses; <c>Grpc/KpiErrorInterceptor</c> maps each kind to its status.</summary>
internal abstract class KpiException(string message) : Exception(message);

/// <summary>INVALID_ARGUMENT + BadRequest naming the field.</summary>
internal sealed class InvalidRequestException(string field, string description) : KpiException($"{field}: {description}")
{
    public string Field { get; } = field;

    public string Description { get; } = description;
}

/// <summary>FAILED_PRECONDITION + PreconditionFailure (type = rule, subject).</summary>
internal sealed class PreconditionException(string rule, string subject, string description) : KpiException(description)
{
    public string Rule { get; } = rule;

    public string Subject { get; } = subject;
}

/// <summary>NOT_FOUND + ResourceInfo.</summary>
internal sealed class NotFoundException(string resourceType, string resource, string message) : KpiException(message)
{
    public string ResourceType { get; } = resourceType;

    public string Resource { get; } = resource;
}

/// <summary>ALREADY_EXISTS + ResourceInfo.</summary>
internal sealed class AlreadyExistsException(string resourceType, string resource, string message) : KpiException(message)
{
    public string ResourceType { get; } = resourceType;

    public string Resource { get; } = resource;
}

/// <summary>RESOURCE_EXHAUSTED + QuotaFailure: a delivery over the size limit.</summary>
internal sealed class TooLargeException(string subject, string message) : KpiException(message)
{
    public string Subject { get; } = subject;
}
