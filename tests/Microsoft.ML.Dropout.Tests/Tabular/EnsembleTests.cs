using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Tests.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class EnsembleTests
{
    [Fact]
    public void BatchEnsembleLinear_OneMemberWithUnitAdapters_EqualsPlainLinearWithSameWeights()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(1);
        using var plain = nn.Linear(7, 5);
        using var ensemble = new BatchEnsembleLinear(7, 5, members: 1, AdapterInitialization.Ones, AdapterInitialization.Ones);
        using (no_grad())
        {
            ensemble.Weight.copy_(plain.weight!);
            ensemble.Bias.copy_(plain.bias!.unsqueeze(0));
        }
        using var x = randn(9, 7);
        using var expected = plain.forward(x);
        using var member = x.unsqueeze(1);
        using var actual = ensemble.forward(member);
        Assert.Equal(new long[] { 9, 1, 5 }, actual.shape);
        Assert.True(expected.allclose(actual.squeeze(1), rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void BatchEnsembleLinear_RandomSignAdapters_MembersStartDifferentOnTheSameRow()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(2);
        const int k = 8;
        using var view = new EnsembleView(k, 6);
        using var layer = new BatchEnsembleLinear(6, 4, k);
        using var x = randn(3, 6);
        using var shared = view.forward(x);
        using var y = layer.forward(shared);
        for (int m = 1; m < k; m++)
            Assert.False(y[.., 0].allclose(y[.., m]), $"member {m} equals member 0");
        float[] signs = layer.R.data<float>().ToArray();
        Assert.All(signs, v => Assert.True(v == 1 || v == -1));
        Assert.All(layer.S.data<float>().ToArray(), v => Assert.Equal(1f, v));
        using var firstBias = layer.Bias[0];
        Assert.True(layer.Bias.allclose(firstBias.expand(k, 4)));   // biases start equal (TabM)

        using var unit = new BatchEnsembleLinear(6, 4, k, AdapterInitialization.Ones);
        using var same = unit.forward(shared);
        for (int m = 1; m < k; m++)
            Assert.True(same[.., 0].allclose(same[.., m]));
    }

    [Fact]
    public void EnsembleScale_RandomSigns_MembersDiffer()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(4);
        using var scale = new EnsembleScale(4, 10);
        float[] w = scale.Weight.data<float>().ToArray();
        Assert.All(w, v => Assert.True(v == 1 || v == -1));
        Assert.Equal(4, Enumerable.Range(0, 4).Select(m => string.Join(",", w.Skip(m * 10).Take(10))).Distinct().Count());
    }

    [Fact]
    public void EnsembleView_RandomRows_TorchManagedAndOnnxAgree()
    {
        using var view = new EnsembleView(3, 5);
        float[] rows = TestSnapshots.Rows(20, 5, seed: 1);
        float[] y = TabularParity.AssertAgree(view, view.ToSnapshot(), rows, 20);
        Assert.Equal(rows[..5], y[10..15]);   // row 0, member 2
    }

    [Fact]
    public void BatchEnsembleLinear_RandomRows_TorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(3);
        using var layer = new BatchEnsembleLinear(6, 5, 4, AdapterInitialization.Normal, AdapterInitialization.Normal);
        float[] rows = TestSnapshots.Rows(30, 4 * 6, seed: 2);
        TabularParity.AssertAgree(layer, layer.ToSnapshot("block0"), rows, 30, new long[] { 4, 6 });
    }

    [Fact]
    public void EnsembleScale_RandomRows_TorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(3);
        using var layer = new EnsembleScale(4, 6, AdapterInitialization.Normal);
        float[] rows = TestSnapshots.Rows(30, 4 * 6, seed: 3);
        TabularParity.AssertAgree(layer, layer.ToSnapshot(), rows, 30, new long[] { 4, 6 });
    }

    [Fact]
    public void LinearEnsemble_RandomRows_TorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(3);
        using var layer = new LinearEnsemble(6, 3, 4);
        float[] rows = TestSnapshots.Rows(30, 4 * 6, seed: 4);
        TabularParity.AssertAgree(layer, layer.ToSnapshot(), rows, 30, new long[] { 4, 6 });
    }
}
