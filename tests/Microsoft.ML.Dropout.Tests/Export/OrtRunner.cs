using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.Dropout.Tests.Export;

/// <summary>Runs exported model bytes in ONNX Runtime.</summary>
internal static class OrtRunner
{
    internal static Dictionary<string, (float[] Values, long[] Shape)> Run(byte[] model, float[] rows, int rowCount, int inputSize, string inputName = "Features")
    {
        using var session = new InferenceSession(model);
        return Run(session, rows, rowCount, inputSize, inputName);
    }

    internal static Dictionary<string, (float[] Values, long[] Shape)> Run(InferenceSession session, float[] rows, int rowCount, int inputSize, string inputName = "Features")
    {
        using var input = OrtValue.CreateTensorValueFromMemory(rows, new long[] { rowCount, inputSize });
        using var runOptions = new RunOptions();
        var outputNames = session.OutputNames.ToArray();
        using var results = session.Run(runOptions, new[] { inputName }, new[] { input }, outputNames);
        var map = new Dictionary<string, (float[], long[])>();
        for (int i = 0; i < outputNames.Length; i++)
        {
            var info = results[i].GetTensorTypeAndShape();
            float[] values = info.ElementDataType == TensorElementType.Int64
                ? results[i].GetTensorDataAsSpan<long>().ToArray().Select(v => (float)v).ToArray()
                : results[i].GetTensorDataAsSpan<float>().ToArray();
            map[outputNames[i]] = (values, info.Shape);
        }
        return map;
    }

    internal static void AssertClose(float[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = tolerance * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= allowed,
                $"index {i}: expected {expected[i]}, actual {actual[i]} (|diff| {Math.Abs(expected[i] - actual[i])} > {allowed})");
        }
    }
}
