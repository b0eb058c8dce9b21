using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// What <see cref="ScoringChainFactory"/> builds for one trained network: the ML.NET-only chain that
/// <c>Model.Save</c> writes and a loaded model runs, and the <see cref="BlockScorer"/> that serves the fitted
/// transformer's <c>Transform</c> and <c>PredictionEngine</c> over the same ONNX graph and the same head.
/// </summary>
/// <param name="Chain">ApplyOnnxModel → ML.NET linear head → DropColumns.</param>
/// <param name="Scorer">The batched path over the chain's own graph and head.</param>
internal sealed record ScoringChain(TransformerChain<ITransformer> Chain, BlockScorer Scorer);
