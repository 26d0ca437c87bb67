namespace Zielsteuerung.Persistence;

/// <summary>The database schema cannot be brought up to date; the message names the migration file.</summary>
public sealed class MigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
