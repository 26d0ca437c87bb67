using Kpi.DataGenerator.Cli;

return await GenerateCommand.Create().Parse(args).InvokeAsync();
