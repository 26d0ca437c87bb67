using System.Net;
using System.Net.Sockets;

namespace Zielsteuerung.Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a free loopback port that counts the bytes going each way: the only way to see, whatever the
/// implementations, that messages really travelled compressed (a megabyte of one repeated byte shrinks to ~1 KB).
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly List<Socket> _sockets = [];
    private long _toServer;
    private long _toClient;

    public CountingProxy(Uri upstream)
    {
        _upstream = upstream;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _relays.Add(AcceptAsync());
    }

    public Uri Address { get; }
    public long BytesToServer => Interlocked.Read(ref _toServer);
    public long BytesToClient => Interlocked.Read(ref _toClient);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(_upstream.Host, _upstream.Port);
            lock (_relays)
            {
                _sockets.Add(client);
                _sockets.Add(server);
                _relays.Add(PipeAsync(client, server, bytes => Interlocked.Add(ref _toServer, bytes)));
                _relays.Add(PipeAsync(server, client, bytes => Interlocked.Add(ref _toClient, bytes)));
            }
        }
    }

    private async Task PipeAsync(Socket from, Socket to, Action<int> count)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
            {
                count(read);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }
        await Task.WhenAll(relays).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
