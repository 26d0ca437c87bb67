namespace Zielsteuerung.Demo;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the reporting thread, in order (the framework's
/// <see cref="Progress{T}"/> posts to the thread pool, where lines may overtake each other).
/// </summary>
public sealed class Reported<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
