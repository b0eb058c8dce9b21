namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Where a Fit trains, decided as ML.NET's TorchSharp trainers decide it from <c>MLContext.GpuDeviceId</c> and
/// <c>FallbackToCpu</c>: no GPU asked ⇒ CPU; a GPU asked that cannot be used ⇒ CPU with a warning when falling back
/// is allowed, otherwise an error naming what is missing. This library trains on the CPU only, so a GPU is never
/// usable: with CUDA present the reason is the missing GPU training, without it also the missing CUDA package.
/// </summary>
internal static class TrainingDevice
{
    /// <summary>The warning to report when training falls back to the CPU, or null when no GPU was asked for.</summary>
    /// <param name="options">The <c>GpuDeviceId</c> and <c>FallbackToCpu</c> options.</param>
    /// <param name="cudaAvailable">Whether libtorch reports a usable CUDA device (TorchSharp-cuda-* loaded).</param>
    /// <exception cref="InvalidOperationException">A GPU was asked for without <c>FallbackToCpu</c>; the message names the missing package or feature and both fixes.</exception>
    internal static string? FallbackWarning(MlpTrainerOptions options, bool cudaAvailable)
    {
        if (options.GpuDeviceId is not int gpu)
            return null;
        string missing = cudaAvailable
            ? "this trainer trains on the CPU only (GPU training is not implemented)"
            : "CUDA is not available in this process: training on a GPU needs the TorchSharp-cuda-linux (Linux) or TorchSharp-cuda-windows (Windows) package instead of TorchSharp-cpu, and an NVIDIA driver, and this trainer trains on the CPU only";
        if (!options.FallbackToCpu)
            throw new InvalidOperationException($"GpuDeviceId = {gpu} asks for GPU {gpu}, but {missing}. Set GpuDeviceId = null to train on the CPU, or FallbackToCpu = true to fall back to the CPU with a warning.");
        return $"GpuDeviceId = {gpu} asked for GPU {gpu}, but {missing}: training on the CPU (FallbackToCpu = true).";
    }
}
