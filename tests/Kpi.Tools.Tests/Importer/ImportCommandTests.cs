using Kpi.Importer.Cli;
using Spectre.Console;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Importer;

public class ImportCommandTests
{
    private const string Header = DeliveryUploadTests.Header;

    private static async Task<(int ExitCode, string Output)> Import(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 250;
        var exitCode = await ImportCommand.Create(console).Parse(args).InvokeAsync();
        return (exitCode, output.ToString());
    }

    [Fact]
    public async Task A_stored_delivery_exits_0_with_its_summary()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{DeliveryUploadTests.Lines(12)}");

        var (exitCode, output) = await Import(file.Path, "--server", server.Address, "--token", "t", "--idempotency-key", "k-1", "--description", "Test delivery");

        Assert.Equal(ExitCodes.Stored, exitCode);
        Assert.Contains("d-0001", output);
        Assert.Contains("STORED", output);
        Assert.Contains("12 received, 12 stored, 0 rejected", output);
        Assert.Contains("jobcenter 05554, 2015-01 … 2015-12, 1 codes", output);
        Assert.Equal(("k-1", "Test delivery", DeliveryMode.AllOrNothing), (server.Service.Header!.IdempotencyKey, server.Service.Header.Description, server.Service.Header.Mode));
    }

    [Fact]
    public async Task A_partial_delivery_exits_1_and_lists_the_row_errors()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{DeliveryUploadTests.Lines(2)}05554;2015-03;elb_stock;insgesamt;final;-5;;\n");

        var (exitCode, output) = await Import(file.Path, "--server", server.Address, "--token", "t", "--partial");

        Assert.Equal(ExitCodes.PartiallyStored, exitCode);
        Assert.Equal(DeliveryMode.Partial, server.Service.Header!.Mode);
        Assert.Contains("PARTIALLY_STORED", output);
        Assert.Matches(@"4\s+│\s+NEGATIVE_VALUE\s+│\s+value\s+│\s+value -5 is negative", output);
    }

    [Fact]
    public async Task A_rejected_delivery_exits_2_naming_the_broken_line_and_counting_the_rest()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        var broken = string.Concat(Enumerable.Range(0, 25).Select(_ => "05554;2015-03;elb_stock;insgesamt;final;10785\n"));
        using var file = new TempFile($"{Header}\n{DeliveryUploadTests.Lines(2)}{broken}");

        var (exitCode, output) = await Import(file.Path, "--server", server.Address, "--token", "t");

        Assert.Equal(ExitCodes.Rejected, exitCode);
        Assert.Contains("REJECTED", output);
        Assert.Contains("line 4: 6 fields, expected 8", output);
        Assert.Contains("… and 5 more", output);
        Assert.Contains("sent: jobcenter 05554, 2015-01 … 2015-02", output);
    }

    [Fact]
    public async Task A_broken_file_exits_2_naming_the_line_without_sending()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"# BA\njobcenter;month;code;value\n{DeliveryUploadTests.Lines(2)}");

        var (exitCode, output) = await Import(file.Path, "--server", server.Address, "--token", "t");

        Assert.Equal(ExitCodes.Rejected, exitCode);
        Assert.Contains("line 2: expected the header", output);
        Assert.Contains("nothing was sent", output);
        Assert.Null(server.Service.Header);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var (exitCode, output) = await Import("/nonexistent/delivery.csv", "--token", "t");
        Assert.Equal(ExitCodes.Rejected, exitCode);
        Assert.Contains("no such file", output);
    }

    [Fact]
    public async Task Without_a_token_the_unauthenticated_status_is_reported_with_exit_3()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{DeliveryUploadTests.Lines(3)}");

        var (exitCode, output) = await Import(file.Path, "--server", server.Address, "--token", "");

        Assert.Equal(ExitCodes.CallFailed, exitCode);
        Assert.True(output.Contains("answered Unauthenticated: a bearer token is needed"), output);
    }

    [Fact]
    public async Task Permission_denied_is_reported_with_exit_3()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{DeliveryUploadTests.Lines(3)}");

        var (exitCode, output) = await Import(file.Path, "--server", server.Address, "--token", "read-only");

        Assert.Equal(ExitCodes.CallFailed, exitCode);
        Assert.True(output.Contains("answered PermissionDenied: needs kpi.deliver"), output);
    }

    [Fact]
    public async Task An_unreachable_server_is_unavailable_with_exit_3()
    {
        string address;
        await using (var stopped = await FakeKpiServer.StartAsync(new FakeKpiService()))
            address = stopped.Address;
        using var file = new TempFile($"{Header}\n{DeliveryUploadTests.Lines(3)}");

        var (exitCode, output) = await Import(file.Path, "--server", address, "--token", "t");

        Assert.Equal(ExitCodes.CallFailed, exitCode);
        Assert.Contains("answered Unavailable", output);
    }

    [Fact]
    public async Task A_duplicate_delivery_names_the_first_one()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService { DuplicateOf = "d-0000" });
        using var file = new TempFile($"{Header}\n{DeliveryUploadTests.Lines(3)}");

        var (exitCode, output) = await Import(file.Path, "--server", server.Address, "--token", "t");

        Assert.Equal(ExitCodes.Stored, exitCode);
        Assert.Matches(@"duplicate of\s+d-0000", output);
    }
}
