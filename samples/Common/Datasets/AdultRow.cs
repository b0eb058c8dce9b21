namespace MLNetRegularization.Samples.Datasets;

/// <summary>One row of UCI Adult, fields trimmed; a missing categorical (<c>?</c>) is the empty string.</summary>
public sealed class AdultRow
{
    /// <summary>Age in years.</summary>
    public float Age { get; set; }
    /// <summary>Employer type.</summary>
    public string Workclass { get; set; } = "";
    /// <summary>Census sampling weight.</summary>
    public float Fnlwgt { get; set; }
    /// <summary>Highest education (text).</summary>
    public string Education { get; set; } = "";
    /// <summary>Highest education (ordinal).</summary>
    public float EducationNum { get; set; }
    /// <summary>Marital status.</summary>
    public string MaritalStatus { get; set; } = "";
    /// <summary>Occupation.</summary>
    public string Occupation { get; set; } = "";
    /// <summary>Relationship within the household.</summary>
    public string Relationship { get; set; } = "";
    /// <summary>Race.</summary>
    public string Race { get; set; } = "";
    /// <summary>Sex.</summary>
    public string Sex { get; set; } = "";
    /// <summary>Capital gain.</summary>
    public float CapitalGain { get; set; }
    /// <summary>Capital loss.</summary>
    public float CapitalLoss { get; set; }
    /// <summary>Working hours per week.</summary>
    public float HoursPerWeek { get; set; }
    /// <summary>Native country.</summary>
    public string NativeCountry { get; set; } = "";
    /// <summary>True when income is above 50K (<c>&gt;50K</c> or <c>&gt;50K.</c>).</summary>
    public bool Label { get; set; }
}
