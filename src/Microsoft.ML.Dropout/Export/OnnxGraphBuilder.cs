namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// Accumulates the nodes, initializers, inputs and outputs of one ONNX graph and encodes the ModelProto.
/// Field numbers follow onnx/onnx <c>onnx/onnx.proto</c> (ModelProto, GraphProto, NodeProto, AttributeProto,
/// TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto, StringStringEntryProto).
/// Every tensor and node name is registered once, so names stay unique.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    internal const int ElementFloat = 1;
    internal const int ElementInt64 = 7;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<byte[]> _nodes = new();
    private readonly List<byte[]> _initializers = new();
    private readonly List<byte[]> _inputs = new();
    private readonly List<byte[]> _outputs = new();

    /// <summary>Claims <paramref name="name"/> exactly; throws if it is already used.</summary>
    internal string Reserve(string name)
    {
        if (!_names.Add(name))
            throw new ArgumentException($"The ONNX tensor name '{name}' is used twice; input and output names must be distinct.");
        return name;
    }

    /// <summary>Returns <paramref name="baseName"/>, or <paramref name="baseName"/>_1, _2, … if taken, and claims it.</summary>
    internal string Fresh(string baseName)
    {
        if (_names.Add(baseName))
            return baseName;
        for (int i = 1; ; i++)
        {
            string candidate = $"{baseName}_{i}";
            if (_names.Add(candidate))
                return candidate;
        }
    }

    internal string AddInitializer(string baseName, float[] values, params long[] dims)
    {
        string name = Fresh(baseName);
        _initializers.Add(Tensor(name, ElementFloat, dims, ProtoWriter.LittleEndian(values)));
        return name;
    }

    internal string AddScalar(string baseName, float value) => AddInitializer(baseName, new[] { value });

    internal string AddInt64Initializer(string baseName, long[] values, params long[] dims)
    {
        string name = Fresh(baseName);
        _initializers.Add(Tensor(name, ElementInt64, dims, ProtoWriter.LittleEndian(values)));
        return name;
    }

    /// <summary>Adds a node with one output; the output tensor gets <paramref name="outputName"/> exactly when given
    /// (it must have been reserved), else a fresh name derived from <paramref name="baseName"/>.</summary>
    internal string AddNode(string opType, string baseName, string[] inputs, string? outputName = null, params OnnxAttribute[] attributes)
    {
        string output = outputName ?? Fresh(baseName);
        string nodeName = Fresh($"{baseName}/{opType}");
        _nodes.Add(new ProtoWriter()
            .Each(inputs, (w, input) => w.String(1, input))                        // NodeProto.input
            .String(2, output).String(3, nodeName).String(4, opType)               // NodeProto.output, name, op_type
            .Each(attributes, (w, attribute) => w.Message(5, attribute.Encode()))  // NodeProto.attribute
            .ToArray());
        return output;
    }

    internal void AddInput(string name, int elementType, params OnnxDimension[] shape) => _inputs.Add(ValueInfo(name, elementType, shape));

    internal void AddOutput(string name, int elementType, params OnnxDimension[] shape) => _outputs.Add(ValueInfo(name, elementType, shape));

    internal byte[] BuildModel(string graphName, string producerName, string producerVersion, long irVersion, long opsetVersion,
        IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var graph = new ProtoWriter();
        foreach (var node in _nodes)
            graph.Message(1, node);                // GraphProto.node
        graph.String(2, graphName);                // GraphProto.name
        foreach (var initializer in _initializers)
            graph.Message(5, initializer);         // GraphProto.initializer
        foreach (var input in _inputs)
            graph.Message(11, input);              // GraphProto.input
        foreach (var output in _outputs)
            graph.Message(12, output);             // GraphProto.output

        var opset = new ProtoWriter()
            .String(1, "")                         // OperatorSetIdProto.domain: "" = ai.onnx
            .Int64(2, opsetVersion);               // OperatorSetIdProto.version

        var model = new ProtoWriter()
            .Int64(1, irVersion)                   // ModelProto.ir_version
            .String(2, producerName)               // ModelProto.producer_name
            .String(3, producerVersion)            // ModelProto.producer_version
            .Message(7, graph)                     // ModelProto.graph
            .Message(8, opset);                    // ModelProto.opset_import
        foreach (var (key, value) in metadata)
            model.Message(14, new ProtoWriter().String(1, key).String(2, value)); // ModelProto.metadata_props
        return model.ToArray();
    }

    private static byte[] Tensor(string name, int elementType, long[] dims, byte[] rawData) => new ProtoWriter()
        .Each(dims, (w, dim) => w.Int64(1, dim))   // TensorProto.dims
        .Int32(2, elementType)                     // TensorProto.data_type
        .String(8, name)                           // TensorProto.name
        .Bytes(9, rawData)                         // TensorProto.raw_data
        .ToArray();

    private static byte[] ValueInfo(string name, int elementType, OnnxDimension[] shape)
    {
        var shapeProto = new ProtoWriter();
        foreach (var dim in shape)
        {
            var dimension = new ProtoWriter();
            if (dim.Parameter is { } parameter)
                dimension.String(2, parameter);    // TensorShapeProto.Dimension.dim_param
            else
                dimension.Int64(1, dim.Value);     // TensorShapeProto.Dimension.dim_value
            shapeProto.Message(1, dimension);      // TensorShapeProto.dim
        }
        var tensorType = new ProtoWriter()
            .Int32(1, elementType)                 // TypeProto.Tensor.elem_type
            .Message(2, shapeProto);               // TypeProto.Tensor.shape
        var type = new ProtoWriter().Message(1, tensorType); // TypeProto.tensor_type
        return new ProtoWriter()
            .String(1, name)                       // ValueInfoProto.name
            .Message(2, type)                      // ValueInfoProto.type
            .ToArray();
    }
}

/// <summary>One dimension of a declared ONNX shape: a fixed size or a symbolic name.</summary>
internal readonly record struct OnnxDimension(long Value, string? Parameter)
{
    internal static OnnxDimension Fixed(long value) => new(value, null);
    internal static OnnxDimension Symbolic(string name) => new(0, name);
}

/// <summary>One NodeProto attribute (float, int or list of ints).</summary>
internal sealed record OnnxAttribute(string Name, int Type, float FloatValue, long IntValue, long[]? IntValues)
{
    private const int TypeFloat = 1;
    private const int TypeInt = 2;
    private const int TypeInts = 7;

    internal static OnnxAttribute Float(string name, float value) => new(name, TypeFloat, value, 0, null);
    internal static OnnxAttribute Int(string name, long value) => new(name, TypeInt, 0, value, null);
    internal static OnnxAttribute Ints(string name, params long[] values) => new(name, TypeInts, 0, 0, values);

    internal byte[] Encode()
    {
        var attribute = new ProtoWriter().String(1, Name);  // AttributeProto.name
        switch (Type)
        {
            case TypeFloat: attribute.Float(2, FloatValue); break;                 // AttributeProto.f
            case TypeInt: attribute.Int64(3, IntValue); break;                     // AttributeProto.i
            default: foreach (long v in IntValues!) attribute.Int64(8, v); break;  // AttributeProto.ints
        }
        attribute.Int32(20, Type);                          // AttributeProto.type
        return attribute.ToArray();
    }
}
