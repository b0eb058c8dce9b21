using System.Globalization;
using System.Net;
using System.Text;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>
/// A self-contained HTML report (figures embedded as PNG data, no external files or scripts) that is also written
/// as separate PNG files beside it. Sections appear in the order they were added.
/// </summary>
public sealed class HtmlReport
{
    private readonly List<object> _sections = new();

    /// <summary>Creates an empty report.</summary>
    /// <param name="title">Report title (HTML-escaped).</param>
    public HtmlReport(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    /// <summary>The report title.</summary>
    public string Title { get; }

    /// <summary>The figures added so far.</summary>
    public IEnumerable<ReportFigure> Figures => _sections.OfType<ReportFigure>();

    /// <summary>Adds a heading.</summary>
    public HtmlReport AddHeading(string text) { _sections.Add(new Heading(text)); return this; }

    /// <summary>Adds a paragraph of text.</summary>
    public HtmlReport AddParagraph(string text) { _sections.Add(new Paragraph(text)); return this; }

    /// <summary>Adds a table.</summary>
    public HtmlReport AddTable(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var row in table.Rows)
            if (row.Count != table.Columns.Count)
                throw new ArgumentException($"Table '{table.Caption}' has {table.Columns.Count} columns but a row has {row.Count} cells.", nameof(table));
        _sections.Add(table);
        return this;
    }

    /// <summary>Adds a figure; its file name must be unique within the report.</summary>
    public HtmlReport AddFigure(ReportFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (Figures.Any(f => f.FileName == figure.FileName))
            throw new ArgumentException($"A figure named '{figure.FileName}' is already in the report.", nameof(figure));
        _sections.Add(figure);
        return this;
    }

    /// <summary>
    /// Writes <paramref name="htmlFileName"/> and one PNG per figure into <paramref name="directory"/> (created if
    /// needed). Files are written to temporary names first, so a failure leaves no half-written report.
    /// </summary>
    /// <returns>The full path of the HTML file.</returns>
    public string Write(string directory, string htmlFileName = "report.html")
    {
        Directory.CreateDirectory(directory);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Escape(Title))
            .Append("</title><style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}" +
                    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 10px;text-align:right}" +
                    "th:first-child,td:first-child{text-align:left}caption{font-weight:bold;text-align:left;margin-bottom:4px}" +
                    "figure{margin:1.5em 0}figcaption{color:#555;font-size:90%}img{max-width:100%}</style></head><body>")
            .Append("<h1>").Append(Escape(Title)).Append("</h1>")
            .Append("<p style=\"color:#777\">Generated ")
            .Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" by Microsoft.ML.Dropout.Reports.</p>");

        var pending = new List<(string Temp, string Final)>();
        try
        {
            foreach (object section in _sections)
            {
                switch (section)
                {
                    case Heading h:
                        html.Append("<h2>").Append(Escape(h.Text)).Append("</h2>");
                        break;
                    case Paragraph p:
                        html.Append("<p>").Append(Escape(p.Text)).Append("</p>");
                        break;
                    case ReportTable t:
                        html.Append("<table><caption>").Append(Escape(t.Caption)).Append("</caption><tr>");
                        foreach (string c in t.Columns) html.Append("<th>").Append(Escape(c)).Append("</th>");
                        html.Append("</tr>");
                        foreach (var row in t.Rows)
                        {
                            html.Append("<tr>");
                            foreach (string cell in row) html.Append("<td>").Append(Escape(cell)).Append("</td>");
                            html.Append("</tr>");
                        }
                        html.Append("</table>");
                        break;
                    case ReportFigure f:
                        byte[] png = f.Plot.GetImageBytes(f.Width, f.Height, ScottPlot.ImageFormat.Png);
                        string final = Path.Combine(directory, f.FileName);
                        string temp = final + ".tmp";
                        File.WriteAllBytes(temp, png);
                        pending.Add((temp, final));
                        html.Append("<figure><img alt=\"").Append(Escape(f.Caption)).Append("\" src=\"data:image/png;base64,")
                            .Append(Convert.ToBase64String(png)).Append("\"><figcaption>")
                            .Append(Escape(f.Caption)).Append(" (").Append(Escape(f.FileName)).Append(")</figcaption></figure>");
                        break;
                }
            }
            html.Append("</body></html>");
            string htmlPath = Path.Combine(directory, htmlFileName);
            File.WriteAllText(htmlPath + ".tmp", html.ToString(), Encoding.UTF8);
            pending.Add((htmlPath + ".tmp", htmlPath));
            foreach (var (temp, final) in pending)
                File.Move(temp, final, overwrite: true);
            return htmlPath;
        }
        finally
        {
            foreach (var (temp, _) in pending)
                if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string Escape(string s) => WebUtility.HtmlEncode(s);

    private sealed record Heading(string Text);
    private sealed record Paragraph(string Text);
}
