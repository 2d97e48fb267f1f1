using Covid.Client.Cli;

return await CovidCli.InvokeAsync(args, CliConsole.System());
