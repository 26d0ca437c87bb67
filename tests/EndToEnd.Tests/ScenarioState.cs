using System.Globalization;
using Kpi.DataGenerator;
using Zielsteuerung.Monitoring.V1;

namespace EndToEnd.Tests;

/// <summary>The run's own suffix and the data the scenario delivers.</summary>
public static class Scenario
{
    /// <summary>Agreement ids and idempotency keys stay unique when a topology's databases are reused.</summary>
    public static readonly string Run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);

    public const string Borken = "05554";

    public const string BorkenJobcenter = "jc-05554";

    public const string March = "2018-03";

    /// <summary>
    /// The history the attainment of 2018 needs: the prior year, its December (a JFW starts there) and the five earlier
    /// years the seasonal forecast reads — 2012-12 … 2018-02, t-0 and final, kpi-generate's default seed.
    /// </summary>
    public static GeneratorOptions History { get; } = new() { From = "2012-12", To = "2018-02", Basis = BasisSelection.Both };

    /// <summary>THE month: 2018-03 of all 53 NRW jobcenters, t-0 and final, from the same simulation as the history.</summary>
    public static GeneratorOptions MarchData { get; } = History with { From = March, To = March };

    /// <summary>Fault c's big delivery: another seed's figures (so not a copy of what is stored) for 2014-12 … 2018-03, final.</summary>
    public static GeneratorOptions BigRevision { get; } = new() { Seed = 2019, From = "2014-12", To = March, Basis = BasisSelection.Final };
}

/// <summary>What the ordered steps hand on to each other.</summary>
public sealed class ScenarioState : IAsyncDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("zielsteuerung-e2e-");

    /// <summary>Where the generated CSV files go (deleted with the state).</summary>
    public string Files => _files.FullName;

    public string AgreementId { get; } = $"e2e-borken-2018-{Scenario.Run}";

    /// <summary>Step 2 put the agreement in force.</summary>
    public bool InForce { get; set; }

    /// <summary>Kreis Borken's watch of the agreement, opened in step 3 before the deliveries.</summary>
    public Watcher? Watcher { get; set; }

    public Delivered? History { get; set; }

    public Delivered? March { get; set; }

    /// <summary>The attainment after the last step that changed it.</summary>
    public AgreementAttainment? Latest { get; set; }

    /// <summary>Step 5's value of Borken's March integrations (final), which flipped a status.</summary>
    public long? FlippedIntegrations { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Watcher is not null)
        {
            await Watcher.DisposeAsync();
        }

        try
        {
            _files.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
