using Covid.Cli;

return await CovidCli.InvokeAsync(args, CliConsole.System());
