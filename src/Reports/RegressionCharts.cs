using Microsoft.ML.Dropout.Metrics;
using ScottPlot;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Charts of a regression model on held-out rows: predicted against actual, and residuals.</summary>
public static class RegressionCharts
{
    /// <summary>Predicted against actual values, with the identity line y = x.</summary>
    /// <param name="data">Actual and predicted values of held-out rows.</param>
    /// <param name="fileName">PNG file name. Default "predicted-vs-actual.png".</param>
    public static ReportFigure PredictedVsActual(RegressionPredictions data, string fileName = "predicted-vs-actual.png")
    {
        ArgumentNullException.ThrowIfNull(data);
        double low = Math.Min(data.Actual.Min(), data.Predicted.Min());
        double high = Math.Max(data.Actual.Max(), data.Predicted.Max());
        double pad = Math.Max(1e-9, (high - low) * 0.03);
        var plot = LearningCurveCharts.NewPlot("Predicted against actual", $"actual {data.TargetName}", $"predicted {data.TargetName}");
        var identity = plot.Add.Line(low - pad, low - pad, high + pad, high + pad);
        identity.LinePattern = LinePattern.Dashed;
        identity.Color = Colors.Gray;
        identity.LegendText = "perfect prediction (y = x)";
        var points = plot.Add.ScatterPoints(data.Actual.ToArray(), data.Predicted.ToArray());
        points.MarkerSize = data.Actual.Count > 2000 ? 2 : 4;
        points.Color = Colors.SteelBlue.WithAlpha(0.5);
        points.LegendText = $"{data.Actual.Count:N0} held-out rows";
        plot.Axes.SetLimits(low - pad, high + pad, low - pad, high + pad);
        return new ReportFigure(fileName,
            $"Predicted against actual {data.TargetName} on {data.Actual.Count:N0} held-out rows. Points on the dashed line are exact; " +
            "a cloud flatter than the line means the model shrinks towards the mean.", plot, 560, 560);
    }

    /// <summary>Residuals (actual − predicted) against the predicted value, with the zero line.</summary>
    /// <param name="data">Actual and predicted values of held-out rows.</param>
    /// <param name="fileName">PNG file name. Default "residuals.png".</param>
    public static ReportFigure Residuals(RegressionPredictions data, string fileName = "residuals.png")
    {
        ArgumentNullException.ThrowIfNull(data);
        double[] residuals = data.Actual.Zip(data.Predicted, (a, p) => a - p).ToArray();
        double rmse = Math.Sqrt(residuals.Average(r => r * r));
        var plot = LearningCurveCharts.NewPlot("Residuals", $"predicted {data.TargetName}", "residual (actual − predicted)");
        var zero = plot.Add.HorizontalLine(0);
        zero.LinePattern = LinePattern.Dashed;
        zero.Color = Colors.Gray;
        zero.LegendText = "no error";
        var points = plot.Add.ScatterPoints(data.Predicted.ToArray(), residuals);
        points.MarkerSize = data.Actual.Count > 2000 ? 2 : 4;
        points.Color = Colors.SteelBlue.WithAlpha(0.5);
        points.LegendText = $"{data.Actual.Count:N0} held-out rows (RMSE {rmse:0.0000})";
        return new ReportFigure(fileName,
            $"Residuals against the predicted {data.TargetName} (RMSE {rmse:0.0000}). A band centred on 0 of even width is what a good fit looks like; " +
            "a trend or a funnel means the error depends on the prediction.", plot, 720, 420);
    }
}
