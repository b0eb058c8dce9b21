namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// A place in a network where units (or weights, or residual branches) are dropped during training. The rate can
/// be changed between forward passes, which is how dropout schedules act on a network.
/// </summary>
public interface IDropoutSite
{
    /// <summary>Drop probability p used by the next training-mode forward pass. Range [0, 1); 0 makes the site the identity.</summary>
    double Rate { get; set; }
}
