using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// A partition's log is kept in chunks of 65 536 entries; the replay must read every entry exactly once, also when
/// the last chunk is full to the last entry or holds a single one.
/// </summary>
public sealed class ChangeLogTests
{
    private const int ChunkSize = 1 << 16;

    [Theory]
    [InlineData(ChunkSize)]
    [InlineData(ChunkSize + 1)]
    public void The_replay_reads_each_entry_once_across_chunks(int entries)
    {
        var log = new ChangeLog();
        for (var t = 0; t < entries; t++)
        {
            log.Transient(t, 0, t);
        }

        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var site = new SiteSpec(start, TimeSpan.FromHours(1), 1)
        {
            Networks = [new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(32)), new DlmControllerOptions(), [new StationSpec("S", StationRole.MasterWithInternalSlave, [])])],
        };
        var ledger = new SiteLedger(site, [], null);
        var reader = log.Read();
        for (long t = 0; t < entries; t++)
        {
            Assert.Equal(t, reader.NextTicks);
            reader.ReplayAt(t, ledger);
        }

        Assert.Null(reader.NextTicks);
    }
}
