using System.Xml.Linq;

namespace Amtron.Cli.Tests;

/// <summary>The project references of docs/architecture.md, read from the project files themselves.</summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Amtron.Dlm"] = [],
        ["Amtron.Modbus"] = [],
        ["Amtron.Grid"] = ["Amtron.Dlm"],
        ["Amtron.Site"] = ["Amtron.Dlm", "Amtron.Grid"],
        ["Amtron.Sim"] = ["Amtron.Site"],
        ["Amtron.Check"] = ["Amtron.Site"],
        ["Amtron.VirtualMeter"] = ["Amtron.Dlm", "Amtron.Modbus", "Amtron.Site"],
        ["Amtron.VirtualCharger"] = ["Amtron.Modbus", "Amtron.Site"],
        ["Amtron.Hil"] = ["Amtron.Dlm", "Amtron.Modbus", "Amtron.Site", "Amtron.VirtualCharger", "Amtron.VirtualMeter"],
        ["Amtron.Sweep"] = ["Amtron.Site", "Amtron.Sim"],
        ["Amtron.Sweep.Query"] = ["Amtron.Sweep"],
        ["Amtron.Cli"] = ["Amtron.Check", "Amtron.Dlm", "Amtron.Hil", "Amtron.Site", "Amtron.Sim", "Amtron.Sweep", "Amtron.Sweep.Query", "Amtron.VirtualCharger", "Amtron.VirtualMeter"],
    };

    [Fact]
    public void Every_product_project_references_exactly_what_the_architecture_allows()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), projects);
        foreach (var project in projects)
        {
            Assert.Equal(Allowed[project!].Order(StringComparer.Ordinal), References(project!));
        }
    }

    [Fact]
    public void The_decision_engine_the_wire_and_the_grid_rules_use_no_packages()
    {
        foreach (var project in new[] { "Amtron.Dlm", "Amtron.Modbus", "Amtron.Grid" })
        {
            var packages = Project(project).Descendants("PackageReference").Select(p => (string?)p.Attribute("Include"));
            Assert.Empty(packages);
        }
    }

    [Fact]
    public void The_site_and_the_checker_do_not_pull_in_plotting()
    {
        foreach (var project in new[] { "Amtron.Site", "Amtron.Check" })
        {
            var packages = Project(project).Descendants("PackageReference").Select(p => (string?)p.Attribute("Include"));
            Assert.DoesNotContain("ScottPlot", packages);
        }
    }

    [Fact]
    public void Only_merging_and_querying_load_duckdb_the_workers_write_parquet_with_managed_code()
    {
        var packages = new[] { "Amtron.Sweep", "Amtron.Sim", "Amtron.Site" }.SelectMany(p => Project(p).Descendants("PackageReference").Select(r => (string?)r.Attribute("Include")));
        Assert.DoesNotContain(packages, p => p is not null && p.StartsWith("DuckDB", StringComparison.Ordinal));
        Assert.Contains("DuckDB.NET.Data.Full", Project("Amtron.Sweep.Query").Descendants("PackageReference").Select(r => (string?)r.Attribute("Include")));
    }

    private static string[] References(string project) =>
        [.. Project(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? string.Empty).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)];

    private static XDocument Project(string project) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, project + ".csproj"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Amtron.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Amtron.sln not found above the test's directory");
    }
}
