using System.Net;
using System.Text;

namespace Amtron.Sim.Results.Report;

/// <summary>Writes an HTML table; every cell is encoded here, so no caller can forget it.</summary>
internal sealed class HtmlTable(StringBuilder html)
{
    /// <summary>Opens the table with a header row.</summary>
    public HtmlTable Head(params string[] columns)
    {
        html.Append("<table>\n<tr>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        }

        html.Append("</tr>\n");
        return this;
    }

    /// <summary>Opens a table without a header row (name–value rows).</summary>
    public HtmlTable Open()
    {
        html.Append("<table>\n");
        return this;
    }

    /// <summary>One row of cells.</summary>
    public HtmlTable Row(params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
        }

        html.Append("</tr>\n");
        return this;
    }

    /// <summary>A name–value row, the name as a header cell.</summary>
    public HtmlTable Pair(string name, string value)
    {
        html.Append("<tr><th>").Append(WebUtility.HtmlEncode(name)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>\n");
        return this;
    }

    /// <summary>Closes the table.</summary>
    public void Close() => html.Append("</table>\n");
}
