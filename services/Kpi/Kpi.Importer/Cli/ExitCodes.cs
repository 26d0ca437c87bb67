namespace Kpi.Importer.Cli;

public static class ExitCodes
{
    public const int Stored = 0;
    public const int PartiallyStored = 1;
    /// <summary>The delivery was rejected, or the file is broken (nothing sent).</summary>
    public const int Rejected = 2;
    /// <summary>The call failed: UNAUTHENTICATED, PERMISSION_DENIED, UNAVAILABLE, no token …</summary>
    public const int CallFailed = 3;
}
