using Amtron.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Amtron.Sweep.Tests;

/// <summary>Which shard a process runs: the command line, else each batch engine's own variables (docs/sweeps.md).</summary>
public sealed class ShardSelectionTests
{
    [Theory]
    [InlineData("AMTRON_SHARD_INDEX", "2", "AMTRON_SHARD_COUNT", "5")]
    [InlineData("JOB_COMPLETION_INDEX", "2", "AMTRON_SHARD_COUNT", "5")]
    [InlineData("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "5")]
    [InlineData("AWS_BATCH_JOB_ARRAY_INDEX", "2", "AWS_BATCH_JOB_ARRAY_SIZE", "5")]
    [InlineData("BATCH_TASK_INDEX", "2", "BATCH_TASK_COUNT", "5")]
    public void Each_engine_s_variables_give_the_shard(string indexVariable, string index, string countVariable, string count)
    {
        var shard = Resolve(null, null, (indexVariable, index), (countVariable, count));

        Assert.Equal(new Shard(2, 5), shard);
    }

    [Fact]
    public void Slurm_s_array_of_0_to_n_minus_1_in_steps_of_1_is_taken()
    {
        Assert.Equal(new Shard(3, 4), Resolve(null, null, ("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "3"), ("SLURM_ARRAY_TASK_STEP", "1")));
    }

    [Theory]
    [InlineData("1", "4", "1")] // --array=1-4
    [InlineData("0", "6", "2")] // --array=0-6:2 (4 tasks: 0, 2, 4, 6)
    [InlineData("0", "4", "1")] // --array=0,1,2,4 (4 tasks, one index past 3)
    public void A_slurm_array_that_is_not_0_to_n_minus_1_in_steps_of_1_is_refused(string minimum, string maximum, string step)
    {
        var shard = ShardSelection.Resolve(null, null, Environment(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", minimum), ("SLURM_ARRAY_TASK_MAX", maximum), ("SLURM_ARRAY_TASK_STEP", step)), out var problem);

        Assert.Null(shard);
        Assert.Contains("it must be --array=0-3", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_comes_first_then_ours_then_the_engines_in_the_documented_order()
    {
        Assert.Equal(new Shard(1, 2), Resolve("1", "2", ("AMTRON_SHARD_INDEX", "0"), ("AMTRON_SHARD_COUNT", "9")));
        Assert.Equal(new Shard(4, 9), Resolve(null, null, ("AMTRON_SHARD_INDEX", "4"), ("JOB_COMPLETION_INDEX", "5"), ("AMTRON_SHARD_COUNT", "9"), ("SLURM_ARRAY_TASK_COUNT", "7")));
        Assert.Equal(new Shard(5, 9), Resolve(null, null, ("JOB_COMPLETION_INDEX", "5"), ("SLURM_ARRAY_TASK_ID", "6"), ("AMTRON_SHARD_COUNT", "9")));
        // An empty variable is not set.
        Assert.Equal(new Shard(6, 7), Resolve(null, null, ("AMTRON_SHARD_INDEX", string.Empty), ("SLURM_ARRAY_TASK_ID", "6"), ("SLURM_ARRAY_TASK_COUNT", "7")));
    }

    [Fact]
    public void Nothing_given_is_the_whole_sweep() => Assert.Equal(Shard.Whole, Resolve(null, null));

    [Theory]
    [InlineData(null, null, "JOB_COMPLETION_INDEX", "3", null, null, "the shard index comes from JOB_COMPLETION_INDEX=3 but no shard count is given")]
    [InlineData(null, null, null, null, "AMTRON_SHARD_COUNT", "3", "the shard count comes from AMTRON_SHARD_COUNT=3 but no shard index is given")]
    [InlineData("3", "3", null, null, null, null, "--shard=3: the shard index must be a whole number from 0 to 2 (--shards=3)")]
    [InlineData("-1", "3", null, null, null, null, "--shard=-1: the shard index must be a whole number from 0 to 2")]
    [InlineData("0", "0", null, null, null, null, "--shards=0: the shard count must be a whole number of at least 1")]
    [InlineData("0", "two", null, null, null, null, "--shards=two: the shard count must be a whole number of at least 1")]
    public void A_shard_that_cannot_be_is_refused_with_where_it_came_from(string? shard, string? shards, string? indexVariable, string? index, string? countVariable, string? count, string problem)
    {
        var variables = new List<(string, string)>();
        if (indexVariable is not null)
        {
            variables.Add((indexVariable, index!));
        }

        if (countVariable is not null)
        {
            variables.Add((countVariable, count!));
        }

        Assert.Null(ShardSelection.Resolve(shard, shards, Environment([.. variables]), out var actual));
        Assert.StartsWith(problem, actual, StringComparison.Ordinal);
    }

    [ScaledProperty(200)]
    public Property The_shards_hold_every_variant_exactly_once_for_any_count() =>
        Prop.ForAll(Gen.Choose(0, 400).ToArbitrary(), Gen.Choose(1, 60).ToArbitrary(), (variants, count) =>
            Enumerable.Range(0, variants).All(v => Enumerable.Range(0, count).Count(i => new Shard(i, count).Holds(v)) == 1));

    private static Shard? Resolve(string? shard, string? shards, params (string Name, string Value)[] variables)
    {
        var resolved = ShardSelection.Resolve(shard, shards, Environment(variables), out var problem);
        Assert.True(resolved is not null, problem);
        return resolved;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
