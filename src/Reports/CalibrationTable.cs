using System.Globalization;
using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>The calibration metrics as a report table, optionally before and after temperature scaling.</summary>
public static class CalibrationTable
{
    /// <summary>ECE (equal-width and adaptive), MCE, Brier, NLL, and the task's extra ECE (binary P(true), multiclass classwise).</summary>
    /// <param name="calibration">Metrics of the model as trained (or the only model).</param>
    /// <param name="afterTemperature">Metrics after temperature scaling, shown as a second column; null for one column.</param>
    public static ReportTable Create(CalibrationMetrics calibration, CalibrationMetrics? afterTemperature = null)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var columns = afterTemperature is null ? new[] { "metric", "value" } : new[] { "metric", "before temperature", "after temperature" };
        var rows = new List<IReadOnlyList<string>>();
        void Add(string name, Func<CalibrationMetrics, double?> value)
        {
            if (value(calibration) is not double v) return;
            rows.Add(afterTemperature is null ? new[] { name, F(v) } : new[] { name, F(v), F(value(afterTemperature) ?? double.NaN) });
        }
        Add("ECE (top-label)", c => c.Ece);
        Add("adaptive ECE", c => c.AdaptiveEce);
        Add("MCE", c => c.Mce);
        Add("Brier", c => c.Brier);
        Add("NLL (log-loss, nats)", c => c.LogLoss);
        Add("ECE of P(true)", c => c.PositiveClassEce);
        Add("classwise ECE", c => c.ClasswiseEce);
        return new ReportTable($"Calibration ({calibration.BinCount} bins, {calibration.RowCount:N0} rows)", columns, rows);
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
