using Zielsteuerung.Demo.Cli;

return await DemoCommand.Create(Console.Out).Parse(args).InvokeAsync();
