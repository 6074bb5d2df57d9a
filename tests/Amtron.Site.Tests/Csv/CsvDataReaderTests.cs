using Amtron.Site.Csv;

namespace Amtron.Site.Tests.Csv;

public sealed class CsvDataReaderTests
{
    private static List<(int Line, string[] Cells, int[] Columns)> Rows(string text)
    {
        using var csv = CsvDataReader.FromText(text);
        var rows = new List<(int, string[], int[])>();
        while (csv.Read())
        {
            rows.Add((csv.Line, [.. Enumerable.Range(0, csv.Count).Select(csv.Text)], [.. Enumerable.Range(0, csv.Count).Select(csv.Column)]));
        }

        return rows;
    }

    [Fact]
    public void The_first_row_is_line_1_and_each_cell_its_own_column()
    {
        var row = Assert.Single(Rows("1h,4h,40,16,4\n"));
        Assert.Equal(1, row.Line);
        Assert.Equal(["1h", "4h", "40", "16", "4"], row.Cells);
        // "1h,4h,40,16,4": each cell starts one after the comma before it; the last '4' is at 13, not at 4 (in "4h").
        Assert.Equal([1, 4, 7, 10, 13], row.Columns);
    }

    [Fact]
    public void Header_comments_and_blank_lines_are_skipped_and_the_lines_still_count()
    {
        var rows = Rows("time,I1\n# note, with a comma\n\n 0 , 1\r\n  # indented\n5,6 # trailing, comment\n");
        Assert.Equal([4, 6], rows.Select(r => r.Line));
        // " 0 , 1": cells trimmed, located at their first character: '0' at 2, '1' at 6.
        Assert.Equal(["0", "1"], rows[0].Cells);
        Assert.Equal([2, 6], rows[0].Columns);
        Assert.Equal(["5", "6"], rows[1].Cells);
    }

    [Fact]
    public void Only_a_first_row_that_starts_with_a_letter_is_a_header()
    {
        var rows = Rows("0,1\nx,2\n");
        Assert.Equal([["0", "1"], ["x", "2"]], rows.Select(r => r.Cells));
    }

    [Fact]
    public void A_first_row_that_starts_with_an_underscore_is_a_header_as_exports_name_their_key_id()
    {
        using var csv = CsvDataReader.FromText("_id,kWh\n7,2\n");
        Assert.True(csv.Read());
        Assert.Equal(["_id", "kWh"], csv.Header);
        Assert.Equal(("7", 2), (csv.Text(0), csv.Line));
    }

    [Fact]
    public void Empty_cells_are_kept_in_place()
    {
        var row = Assert.Single(Rows("1,,3\n"));
        Assert.Equal(["1", string.Empty, "3"], row.Cells);
        Assert.Equal([1, 3, 4], row.Columns);
    }
}
