namespace Microsoft.ML.Dropout.Reports;

/// <summary>One chart of a report: a ScottPlot plot, the PNG file name it is saved under, and its caption.</summary>
/// <param name="FileName">PNG file name, unique within the report (e.g. "learning-loss.png").</param>
/// <param name="Caption">What the figure shows, printed under it in the HTML.</param>
/// <param name="Plot">The ScottPlot plot to render.</param>
/// <param name="Width">Width in pixels. Default 720.</param>
/// <param name="Height">Height in pixels. Default 420.</param>
public sealed record ReportFigure(string FileName, string Caption, ScottPlot.Plot Plot, int Width = 720, int Height = 420);
