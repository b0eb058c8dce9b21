namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// A decision tree on one feature, grown best-first as scikit-learn grows a tree with <c>max_leaf_nodes</c>: the leaf
/// whose best split lowers the weighted impurity most is split next, until the tree has the allowed leaves or no
/// leaf has a split that keeps at least the minimum rows on each side and lowers the impurity by the minimum. The
/// rows are sorted by the feature once, so a node is a contiguous range of them and its statistics are differences
/// of prefix sums. Impurity: Gini over classes, or the variance of the (standardized) target. A threshold is the
/// midpoint between the two neighbouring distinct values it separates; equal decreases go to the earlier leaf and
/// the leftmost threshold, so the result is deterministic.
/// </summary>
internal sealed class SortedFeatureTree
{
    private readonly double[] _x;
    private readonly int _classes;
    private readonly double[] _weight;      // prefix sums of the weights, length n + 1
    private readonly double[] _moments;     // classification: prefix sums of weight per class, (n + 1) × K; regression: of w·y and w·y², (n + 1) × 2
    private readonly double _totalWeight;

    /// <param name="sortedValues">The feature's finite values, ascending.</param>
    /// <param name="classOfRow">Classification: the class index of each sorted row; null for regression.</param>
    /// <param name="classCount">K, the number of classes (ignored for regression).</param>
    /// <param name="targetOfRow">Regression: the standardized target of each sorted row; null for classification.</param>
    /// <param name="weightOfRow">The weight of each sorted row.</param>
    internal SortedFeatureTree(double[] sortedValues, int[]? classOfRow, int classCount, double[]? targetOfRow, double[] weightOfRow)
    {
        int n = sortedValues.Length;
        _x = sortedValues;
        _classes = classOfRow is null ? 0 : classCount;
        int width = classOfRow is null ? 2 : classCount;
        _weight = new double[n + 1];
        _moments = new double[(long)(n + 1) * width];
        for (int i = 0; i < n; i++)
        {
            double w = weightOfRow[i];
            _weight[i + 1] = _weight[i] + w;
            Array.Copy(_moments, (long)i * width, _moments, (long)(i + 1) * width, width);
            if (classOfRow is not null)
            {
                _moments[(long)(i + 1) * width + classOfRow[i]] += w;
            }
            else
            {
                double y = targetOfRow![i];
                _moments[(long)(i + 1) * width] += w * y;
                _moments[(long)(i + 1) * width + 1] += w * y * y;
            }
        }
        _totalWeight = _weight[n];
    }

    /// <summary>The thresholds of the tree's splits, in the order they were made.</summary>
    /// <param name="maxLeaves">At most this many leaves (bins), ≥ 1.</param>
    /// <param name="minLeafRows">Each leaf keeps at least this many rows, ≥ 1.</param>
    /// <param name="minImpurityDecrease">A split must lower the weighted impurity (node weight / total weight × decrease) by at least this.</param>
    internal List<double> Thresholds(int maxLeaves, int minLeafRows, double minImpurityDecrease)
    {
        var thresholds = new List<double>();
        if (_totalWeight <= 0)
            return thresholds;
        var frontier = new List<Split>();
        void Consider(int start, int end)
        {
            if (BestSplit(start, end, minLeafRows) is { } split && split.Decrease + 1e-12 >= minImpurityDecrease)
                frontier.Add(split);
        }
        Consider(0, _x.Length);
        for (int leaves = 1; leaves < maxLeaves && frontier.Count > 0; leaves++)
        {
            int best = 0;
            for (int i = 1; i < frontier.Count; i++)
                if (frontier[i].Decrease > frontier[best].Decrease)
                    best = i;
            var split = frontier[best];
            frontier.RemoveAt(best);
            thresholds.Add(Midpoint(_x[split.At - 1], _x[split.At]));
            Consider(split.Start, split.At);
            Consider(split.At, split.End);
        }
        return thresholds;
    }

    /// <summary>The split of rows [start, end) into [start, at) and [at, end) with the largest weighted impurity decrease, or null.</summary>
    private Split? BestSplit(int start, int end, int minLeafRows)
    {
        if (end - start < 2 * minLeafRows)
            return null;
        double nodeWeight = _weight[end] - _weight[start];
        if (nodeWeight <= 0)
            return null;
        double nodeImpurity = Impurity(start, end, nodeWeight);
        if (nodeImpurity <= 1e-12)
            return null;
        Split? best = null;
        for (int at = start + minLeafRows; at <= end - minLeafRows; at++)
        {
            if (!(_x[at - 1] < _x[at]))
                continue;
            double left = _weight[at] - _weight[start], right = _weight[end] - _weight[at];
            if (left <= 0 || right <= 0)
                continue;
            double children = (left * Impurity(start, at, left) + right * Impurity(at, end, right)) / nodeWeight;
            double decrease = nodeWeight / _totalWeight * (nodeImpurity - children);
            if (best is null || decrease > best.Value.Decrease)
                best = new Split(start, end, at, decrease);
        }
        return best;
    }

    /// <summary>Gini impurity 1 − Σ p_k² or the variance E[y²] − E[y]² of rows [start, end) of total weight w.</summary>
    private double Impurity(int start, int end, double w)
    {
        if (_classes > 0)
        {
            double sumSquares = 0;
            for (int k = 0; k < _classes; k++)
            {
                double p = (_moments[(long)end * _classes + k] - _moments[(long)start * _classes + k]) / w;
                sumSquares += p * p;
            }
            return 1 - sumSquares;
        }
        double mean = (_moments[(long)end * 2] - _moments[(long)start * 2]) / w;
        double meanSquare = (_moments[(long)end * 2 + 1] - _moments[(long)start * 2 + 1]) / w;
        return Math.Max(0, meanSquare - mean * mean);
    }

    /// <summary>The midpoint of two neighbouring distinct values; the lower value when rounding would put it on the upper one.</summary>
    private static double Midpoint(double lower, double upper)
    {
        double mid = lower / 2 + upper / 2;
        return mid >= upper ? lower : mid;
    }

    private readonly record struct Split(int Start, int End, int At, double Decrease);
}
