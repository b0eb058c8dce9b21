namespace Microsoft.ML.Dropout.Estimators.Data.Streaming;

/// <summary>What the first streaming pass needs from the trainer's options.</summary>
/// <param name="MemoryBudgetBytes">The <c>MemoryBudgetBytes</c> option (split by <see cref="StreamingBudget"/>).</param>
/// <param name="Seed">The <c>Seed</c> option: seeds the row hashes and every pass's order.</param>
/// <param name="ValidationFraction">Share of rows held out by the row hash; 0 when a validation set was given.</param>
/// <param name="Preprocessing">The model's preprocessing: which non-finite feature values it takes.</param>
/// <param name="CacheDirectory">The <c>StreamingCacheDirectory</c> option (null: the system temp directory).</param>
internal sealed record StreamingSettings(long MemoryBudgetBytes, int Seed, double ValidationFraction, FeaturePreprocessing Preprocessing, string? CacheDirectory);
