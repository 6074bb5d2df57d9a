using Amtron.Modbus.Client;

namespace Amtron.Modbus.Tests;

/// <summary>Bounded loopback load: everything answered, nothing failed, nothing left open. No timing is asserted.</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task Fifty_clients_send_100k_requests_without_an_error()
    {
        await using var loop = await LoopbackServer.StartAsync();
        loop.Model.SetInputRegisters(0, [1, 2, 3, 4, 5, 6]);
        const int Clients = 50;
        const int PerClient = 2000;
        var wrong = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            using var client = loop.Client();
            for (var i = 0; i < PerClient; i++)
            {
                var registers = await client.ReadInputRegistersAsync(0, 6);
                if (registers[5] != 6)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        }));
        Assert.Equal(0, wrong);
        Assert.Equal(Clients * PerClient, loop.Server.RequestsServed);
        await WaitForAsync(() => loop.Server.ConnectionCount == 0);
    }

    [Fact]
    public async Task A_hundred_concurrent_connections_are_all_accepted()
    {
        await using var loop = await LoopbackServer.StartAsync();
        var clients = Enumerable.Range(0, 100).Select(_ => loop.Client()).ToList();
        var answered = await Task.WhenAll(clients.Select(async c => (await c.ReadHoldingRegistersAsync(0, 1)).Length));
        Assert.All(answered, n => Assert.Equal(1, n));
        Assert.Equal(100, loop.Server.ConnectionCount);
        Assert.Equal(0, loop.Server.ConnectionsRefused);
        clients.ForEach(c => c.Dispose());
        await WaitForAsync(() => loop.Server.ConnectionCount == 0);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(10);
        }
    }
}
