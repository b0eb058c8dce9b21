using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class EnsembleMlpTests
{
    [Theory]
    [InlineData(EnsembleKind.BatchEnsemble)]
    [InlineData(EnsembleKind.Mini)]
    public void EnsembleMlp_Eval_ReturnsTheLogitOfTheMembersMeanProbability(EnsembleKind kind)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(1);
        using var model = new EnsembleMlp(5, 1, TaskKind.BinaryClassification, new[] { 16, 8 }, Activation.Relu, 0.1, members: 6, kind);
        model.eval();
        using var x = randn(10, 5);
        using var members = model.MemberOutputs(x);
        using var score = model.forward(x);
        Assert.Equal(new long[] { 10, 6, 1 }, members.shape);
        using var meanProbability = members.sigmoid().mean(new long[] { 1 });
        Assert.True(score.sigmoid().allclose(meanProbability, rtol: 1e-5, atol: 1e-6));
        for (int m = 1; m < 6; m++)                                            // members start different
            Assert.False(members[.., 0].allclose(members[.., m]), $"member {m} equals member 0");
    }

    [Fact]
    public void EnsembleMlp_Training_ReturnsEveryMemberAsItsOwnRow()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(2);
        using var model = new EnsembleMlp(4, 3, TaskKind.MulticlassClassification, new[] { 8 }, Activation.Gelu, 0.0, members: 4, EnsembleKind.BatchEnsemble);
        model.train();
        using var x = randn(5, 4);
        using var rows = model.forward(x);
        using var members = model.MemberOutputs(x);
        Assert.Equal(new long[] { 20, 3 }, rows.shape);
        Assert.True(rows[6].allclose(members[1, 2]));                      // row n·k + i = member i of row n
    }

    [Fact]
    public void EnsembleMlp_OneMemberUnitAdapters_IsThePlainMlpWithTheSameWeights()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(3);
        using var model = new EnsembleMlp(4, 1, TaskKind.Regression, new[] { 6 }, Activation.Relu, 0.0, members: 1,
            EnsembleKind.BatchEnsemble, AdapterInitialization.Ones);
        model.eval();
        var p = model.named_parameters().ToDictionary(t => t.name, t => t.parameter);
        using var x = randn(7, 4);
        using var hidden = nn.functional.relu(nn.functional.linear(x, p["linears.0.weight"], p["linears.0.bias"][0]));
        using var expected = hidden.matmul(p["heads.weight"][0]) + p["heads.bias"][0];
        using var actual = model.forward(x);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [InlineData(EnsembleKind.BatchEnsemble, TaskKind.BinaryClassification, 1, Normalization.None)]
    [InlineData(EnsembleKind.Mini, TaskKind.MulticlassClassification, 3, Normalization.LayerNorm)]
    [InlineData(EnsembleKind.BatchEnsemble, TaskKind.Regression, 1, Normalization.LayerNorm)]
    public void EnsembleMlp_Snapshot_TorchManagedAndOnnxAgree(EnsembleKind kind, TaskKind task, int outputs, Normalization normalization)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(4);
        using var model = new EnsembleMlp(6, outputs, task, new[] { 12, 10 }, Activation.Gelu, 0.1, members: 5, kind,
            AdapterInitialization.Normal, normalization);
        float[] rows = Export.TestSnapshots.Rows(40, 6, seed: 8);
        TabularParity.AssertChainAgrees(model, model.ToSnapshotLayers(), rows, 40, 6);
    }

    [Fact]
    public void EnsembleMlp_Residual_SnapshotHasResidualBlocksAndTorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(5);
        using var model = new EnsembleMlp(6, 3, TaskKind.MulticlassClassification, new[] { 10, 10, 10 }, Activation.Gelu, 0.1, members: 4,
            EnsembleKind.BatchEnsemble, AdapterInitialization.Normal, Normalization.LayerNorm, parametricActivation: true, residual: true, dropPathRate: 0.2);
        Assert.Equal(new[] { 0, 0, 0.2 }, model.DropPathRates);                 // layer 0 is no block; linear from 0 at the first block to the maximum
        var layers = model.ToSnapshotLayers();
        Assert.Equal(new[] { "hidden1", "hidden2" }, layers.OfType<Dropout.Snapshots.ResidualBlock>().Select(b => b.Name));
        TabularParity.AssertChainAgrees(model, layers, Export.TestSnapshots.Rows(40, 6, seed: 9), 40, 6);
    }

    [Fact]
    public void EnsembleMlp_DropPath_DropsEachMembersBranchOnItsOwn()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(6);
        using var model = new EnsembleMlp(5, 1, TaskKind.Regression, new[] { 8, 8 }, Activation.Relu, 0.0, members: 4,
            EnsembleKind.BatchEnsemble, residual: true, dropPathRate: 0.5);
        model.train();
        using var x = randn(200, 5);
        using var halfDropped = model.MemberOutputs(x);
        var dropPath = model.modules().OfType<Dropout.Modules.DropPath>().Single();
        dropPath.Rate = 0.999999;
        using var allDropped = model.MemberOutputs(x);                         // every branch dropped: x + 0
        using var same = (halfDropped - allDropped).abs().lt(1e-6).squeeze(-1);  // [N, k]: true where that member's branch was dropped
        double droppedShare = same.to_type(ScalarType.Float32).mean().item<float>();
        long mixedRows = same.any(1).logical_and(same.logical_not().any(1)).sum().item<long>();
        Assert.InRange(droppedShare, 0.4, 0.6);
        Assert.True(mixedRows > 100, $"only {mixedRows} of 200 rows have both a dropped and a kept member: DropPath decides per row, not per member");
    }

    [Fact]
    public void EnsembleMlp_BatchNorm_IsRefusedWithTheFix()
    {
        var e = Assert.Throws<ArgumentException>(() => new EnsembleMlp(4, 1, TaskKind.Regression, new[] { 8 }, Activation.Relu, 0, 4,
            EnsembleKind.BatchEnsemble, normalization: Normalization.BatchNorm));
        Assert.StartsWith("Normalization = BatchNorm cannot be used with EnsembleSize > 1: the members would share batch statistics. Use Normalization = LayerNorm (per member) or None.", e.Message);
    }
}
