using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality;

/// <summary>
/// One row of the ablation: how it changes the reference set-up (ReLU MLP, no normalization, AdamW at a constant
/// 1e-3, no decay, no dropout, no smoothing, no early stopping), or our defaults.
/// </summary>
/// <param name="Name">Row label.</param>
/// <param name="Settings">What the row sets, for the table.</param>
/// <param name="Configure">Applies the row's changes to options built from the reference set-up.</param>
/// <param name="UsesDefaults">True for "our default": the trainer's defaults, not the reference set-up.</param>
internal sealed record AblationConfig(string Name, string Settings, Action<MlpClassificationOptions> Configure, bool UsesDefaults = false)
{
    /// <summary>AdamW decoupled decay λ for the "weight decay" rows. λ multiplies the learning rate each step, so
    /// with lr 1e-3 a λ of 1e-3 would shrink weights by ~0.1% over the whole run; this value gives decay a real effect.</summary>
    public const double Decay = 0.1;
    /// <summary>"Light" decay combined with BatchNorm (the reference uses half its L2 strength).</summary>
    public const double LightDecay = 0.05;
    /// <summary>Hidden dropout rate of the dropout rows (reference: 0.4).</summary>
    public const double Dropout = 0.4;

    public static IReadOnlyList<AblationConfig> All { get; } = new AblationConfig[]
    {
        new("no regularization", "–", _ => { }),
        new("weight decay", $"AdamW λ={Decay}", o => o.WeightDecay = Decay),
        new("L2 in the gradient", "Adam-L2 λ=1e-3", o => { o.Optimizer = OptimizerKind.AdamL2; o.WeightDecay = 1e-3; }),
        new("dropout", $"p={Dropout} (constant)", o => SetDropout(o, Dropout)),
        new("dropout + weight decay", $"p={Dropout}, λ={Decay}", o => { SetDropout(o, Dropout); o.WeightDecay = Decay; }),
        new("BatchNorm", "BatchNorm", o => o.Normalization = Normalization.BatchNorm),
        new("BatchNorm + light decay", $"BatchNorm, λ={LightDecay}", o => { o.Normalization = Normalization.BatchNorm; o.WeightDecay = LightDecay; }),
        new("label smoothing", "ε=0.1", o => o.LabelSmoothing = 0.1),
        new("early stopping", "patience 8 on 10% of train, restore best", o =>
        {
            o.EarlyStoppingPatience = 8;
            o.RestoreBestWeights = true;
            o.ValidationFraction = 0.1;
        }),
        new("our default", "MlpTrainerOptions defaults", _ => { }, UsesDefaults: true),
    };

    private static void SetDropout(MlpClassificationOptions o, double rate)
    {
        o.DropoutRate = rate;
        o.DropoutSchedule = new ConstantDropoutSchedule();
    }
}
