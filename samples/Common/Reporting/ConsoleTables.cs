using Microsoft.ML.Dropout.Reports;
using Spectre.Console;

namespace MLNetRegularization.Samples.Reporting;

/// <summary>Prints <see cref="ReportTable"/>s with Spectre.Console: rounded borders on a terminal, ASCII when redirected.</summary>
public static class ConsoleTables
{
    /// <summary>Prints <paramref name="table"/> with its caption as the title.</summary>
    public static void Print(ReportTable table)
    {
        bool redirected = Console.IsOutputRedirected;
        if (redirected && AnsiConsole.Profile.Width < 160) AnsiConsole.Profile.Width = 160; // CI logs: do not wrap wide tables
        var t = new Table().Border(redirected ? TableBorder.Ascii : TableBorder.Rounded).Title(Markup.Escape(table.Caption));
        for (int c = 0; c < table.Columns.Count; c++)
            t.AddColumn(c == 0 ? new TableColumn(Markup.Escape(table.Columns[c])) : new TableColumn(Markup.Escape(table.Columns[c])).RightAligned());
        foreach (var row in table.Rows)
            t.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(t);
    }

    /// <summary>Prints a one-line step heading ("== text").</summary>
    public static void Step(string text) => Console.WriteLine($"{Environment.NewLine}== {text}");
}
