using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Amtron.Site.Sweeps;

namespace Amtron.Site.Tests.Sweeps;

/// <summary>
/// A sweep's expansion (docs/sweeps.md): the grid as nested loops in the listed order, the zipped lists as one more
/// dimension, the replicates innermost; each variant's seed from its content as the documented SHA-256.
/// </summary>
public sealed class SweepPlanTests
{
    [Fact]
    public void The_grid_expands_as_nested_loops_in_the_listed_order_then_the_zip_then_the_replicates()
    {
        using var files = new SweepFiles("""
            base: base.yaml
            replicates: 2
            grid:
              networks[0].settings.evseSubDistributionLimit: [16, 32]
              networks[0].queueing: [fifo, roundRobin, fifo2]
            zip:
              vehicles.generator.energyKWh.mean: [5, 10]
              vehicles.generator.dwellHours.mean: [2, 3]
            """);
        var plan = files.Plan();

        // 2 x 3 x 2 (zip) x 2 (replicates) = 24, ids 0..23 in order.
        Assert.Equal(24, plan.Variants.Count);
        Assert.Equal(Enumerable.Range(0, 24), plan.Variants.Select(v => v.Id));
        string Row(int id) => string.Join(" ", plan.Variants[id].Parameters.Select(p => p.Value.Text)) + " r" + plan.Variants[id].Replicate;

        // Replicate fastest, then the zip, then the second grid axis, then the first: id = ((a * 3 + b) * 2 + z) * 2 + r.
        Assert.Equal("16 fifo 5 2 r0", Row(0));
        Assert.Equal("16 fifo 5 2 r1", Row(1));
        Assert.Equal("16 fifo 10 3 r0", Row(2));
        Assert.Equal("16 roundRobin 5 2 r0", Row(4));
        Assert.Equal("16 fifo2 10 3 r1", Row(11));
        Assert.Equal("32 fifo 5 2 r0", Row(12));
        Assert.Equal("32 fifo2 10 3 r1", Row(23));
    }

    [Fact]
    public void A_seed_is_the_documented_sha_256_of_the_base_seed_the_replicate_and_the_random_stream_parameters()
    {
        using var files = new SweepFiles("""
            base: base.yaml
            seed: 7
            replicates: 2
            grid:
              networks[0].settings.evseSubDistributionLimit: [16]
              vehicles.generator.energyKWh.mean: [10]
            """);
        var variant = files.Plan().Variants[1];

        // seedMode common (the default): the fuse is a control and stays out; the generator's energy is in.
        var expected = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(
            "amtron sweep seed v1\nseed 7\nreplicate 1\nvehicles.generator.energyKWh.mean=10\n"))) & long.MaxValue;
        Assert.Equal(expected, variant.Seed);
    }

    [Fact]
    public void Under_common_seeds_variants_that_differ_only_in_controls_share_each_replicate_s_seed_and_under_independent_they_do_not()
    {
        const string Axes = """
            replicates: 3
            grid:
              networks[0].settings.evseSubDistributionLimit: [16, 24, 32]
              networks[0].queueing: [fifo, roundRobin]
            """;
        using var common = new SweepFiles("base: base.yaml\n" + Axes);
        using var independent = new SweepFiles("base: base.yaml\nseedMode: independent\n" + Axes);

        var commonSeeds = common.Plan().Variants.GroupBy(v => v.Replicate).Select(g => g.Select(v => v.Seed).Distinct().Count());
        Assert.All(commonSeeds, count => Assert.Equal(1, count));
        Assert.Equal(3, common.Plan().Variants.Select(v => v.Seed).Distinct().Count());
        // Independent: 6 combinations x 3 replicates, all different.
        Assert.Equal(18, independent.Plan().Variants.Select(v => v.Seed).Distinct().Count());
    }

    [Fact]
    public void Hashes_differ_by_parameter_seed_and_base_and_a_seed_fits_a_scenario_seed()
    {
        using var files = new SweepFiles("base: base.yaml\nreplicates: 4\ngrid:\n  networks[0].queueing: [fifo, roundRobin]\n");
        using var otherBase = new SweepFiles("base: base.yaml\nreplicates: 4\ngrid:\n  networks[0].queueing: [fifo, roundRobin]\n", SweepFiles.Base + "\n# another base\n");
        var plan = files.Plan();

        Assert.Equal(8, plan.Variants.Select(v => v.Hash).Distinct().Count());
        Assert.All(plan.Variants, v => Assert.InRange(v.Seed, 0UL, (ulong)long.MaxValue));
        Assert.Equal(plan.Variants.Select(v => v.Seed), otherBase.Plan().Variants.Select(v => v.Seed));
        Assert.Empty(plan.Variants.Select(v => v.Hash).Intersect(otherBase.Plan().Variants.Select(v => v.Hash)));
        Assert.NotEqual(plan.SweepHash, otherBase.Plan().SweepHash);
    }

    [Fact]
    public void The_same_value_written_another_way_is_the_same_parameter()
    {
        using var flow = new SweepFiles("base: base.yaml\ngrid:\n  networks[0].settings.evseSubDistributionLimit: [[16, 16, 20], 32]\n");
        using var block = new SweepFiles("base: base.yaml\ngrid:\n  networks[0].settings.evseSubDistributionLimit:\n    - - 16\n      - 16\n      - \"20\"\n    - '32'\n");

        Assert.Equal(["[16, 16, 20]", "32"], flow.Plan().Variants.Select(v => v.Parameters[0].Value.Text));
        Assert.Equal(flow.Plan().Variants.Select(v => (v.Seed, v.Hash)), block.Plan().Variants.Select(v => (v.Seed, v.Hash)));
    }
}
