using Microsoft.ML.Dropout;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// One data set of the held-out check: an R package's data frame as Rdatasets stores it (<c>csv/&lt;package&gt;/&lt;name&gt;.csv</c>),
/// the task and target, and the columns dropped because they are another form of the target or a split marker.
/// </summary>
/// <param name="Folder">Folder name under the output root (the suite's dataset name).</param>
/// <param name="Source">"package/name", the path under Rdatasets' <c>csv/</c> without ".csv".</param>
/// <param name="Task">Binary, multiclass or regression.</param>
/// <param name="Target">The target column.</param>
/// <param name="Positive">The positive class of a binary task (the class whose AUC is reported).</param>
/// <param name="Dropped">Columns left out, each with the reason in <see cref="HeldOutDatasets"/>.</param>
internal sealed record HeldOutDataset(string Folder, string Source, TaskKind Task, string Target, string? Positive = null, params string[] Dropped)
{
    /// <summary>"package::name", as the shared datasets' READMEs name an R object.</summary>
    public string RObject => Source.Replace("/", "::");
}

/// <summary>
/// The held-out check of the defaults: 33 real tabular data sets from R packages that the defaults were never chosen
/// on (the search used only the 14 shared sets' validation splits), picked for variety of task, size (176–61,395 rows)
/// and width (2–751 features) among modeldata, AER, ISLR and MASS — the packages most of the shared R exports come from —
/// and run with the defaults through the <c>suite</c> command. Picked in three batches, each before any of its sets
/// had run: 20 sets; then four wider or multiclass ones after the first batch's losses on wide and multiclass data;
/// then nine larger ones.
/// </summary>
internal static class HeldOutDatasets
{
    public static IReadOnlyList<HeldOutDataset> All { get; } =
    [
        new("attrition", "modeldata/attrition", TaskKind.BinaryClassification, "Attrition", "Yes"),
        new("mlc-churn", "modeldata/mlc_churn", TaskKind.BinaryClassification, "churn", "yes"),
        new("wa-churn", "modeldata/wa_churn", TaskKind.BinaryClassification, "churn", "Yes"),
        new("credit-card", "AER/CreditCard", TaskKind.BinaryClassification, "card", "yes"),
        new("default", "ISLR/Default", TaskKind.BinaryClassification, "default", "Yes"),
        new("oj", "ISLR/OJ", TaskKind.BinaryClassification, "Purchase", "MM"),
        new("two-class-dat", "modeldata/two_class_dat", TaskKind.BinaryClassification, "Class", "Class2"),
        new("swiss-labor", "AER/SwissLabor", TaskKind.BinaryClassification, "participation", "yes"),
        new("ad-data", "modeldata/ad_data", TaskKind.BinaryClassification, "Class", "Impaired"),
        // `case` marks the package's own Train/Test split; the suite makes its own splits.
        new("cells", "modeldata/cells", TaskKind.BinaryClassification, "class", "WS", "case"),
        new("pd-speech", "modeldata/pd_speech", TaskKind.BinaryClassification, "class", "PD"),
        new("fgl", "MASS/fgl", TaskKind.MulticlassClassification, "type"),
        new("hepatic-injury", "modeldata/hepatic_injury_qsar", TaskKind.MulticlassClassification, "class"),
        new("leaf-flavia", "modeldata/leaf_id_flavia", TaskKind.MulticlassClassification, "species"),
        new("sacramento", "modeldata/Sacramento", TaskKind.Regression, "price"),
        new("house-prices", "AER/HousePrices", TaskKind.Regression, "price"),
        // `logwage` is the target's logarithm.
        new("wage", "ISLR/Wage", TaskKind.Regression, "wage", null, "logwage"),
        new("carseats", "ISLR/Carseats", TaskKind.Regression, "Sales"),
        new("car-prices", "modeldata/car_prices", TaskKind.Regression, "Price"),
        // `sample` is the sample's name and `dataset` the package's Training/Testing marker.
        new("biomass", "modeldata/biomass", TaskKind.Regression, "HHV", null, "sample", "dataset"),
        new("college-distance", "AER/CollegeDistance", TaskKind.Regression, "score"),
        new("deliveries", "modeldata/deliveries", TaskKind.Regression, "time_to_delivery"),
        new("chem-proc-yield", "modeldata/chem_proc_yield", TaskKind.Regression, "yield"),
        // `water` and `fat` are the other two measured targets (water + fat + protein ≈ 100).
        new("meats", "modeldata/meats", TaskKind.Regression, "protein", null, "water", "fat"),
        // Third batch, larger sets (4,870–61,395 rows), picked after the first two batches had run and before any of these did.
        new("lending-club", "modeldata/lending_club", TaskKind.BinaryClassification, "Class", "bad"),
        new("stackoverflow", "modeldata/stackoverflow", TaskKind.BinaryClassification, "Remote", "Remote"),
        new("health-insurance", "AER/HealthInsurance", TaskKind.BinaryClassification, "health", "no"),
        new("smoke-ban", "AER/SmokeBan", TaskKind.BinaryClassification, "smoker", "yes"),
        new("resume-names", "AER/ResumeNames", TaskKind.BinaryClassification, "call", "yes"),
        new("fertility", "AER/Fertility2", TaskKind.BinaryClassification, "morekids", "yes"),
        new("taxi", "modeldata/taxi", TaskKind.BinaryClassification, "tip", "no"),
        // `arrival_date` is a date as text (one level per day); `arrival_date_num` holds it as a number.
        new("hotel-rates", "modeldata/hotel_rates", TaskKind.Regression, "avg_price_per_room", null, "arrival_date"),
        new("cps-sw8", "AER/CPSSW8", TaskKind.Regression, "earnings"),
    ];
}
