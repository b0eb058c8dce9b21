namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// The flat-then-cosine factor of RealMLP-TD (pytabkit "flat_cos"): 1 while the training progress t is below the
/// flat fraction f, then ½(1 + cos(π·(t − f)/(1 − f))), reaching 0 at t = 1.
/// </summary>
internal static class FlatCosine
{
    internal static double Factor(double t, double flatFraction)
    {
        t = Math.Clamp(t, 0, 1);
        if (t <= flatFraction || flatFraction >= 1)
            return 1;
        return 0.5 * (1 + Math.Cos(Math.PI * (t - flatFraction) / (1 - flatFraction)));
    }
}
