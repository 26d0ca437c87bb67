using Kpi.Importer.Cli;
using Spectre.Console;

return await ImportCommand.Create(AnsiConsole.Console).Parse(args).InvokeAsync();
