using Covid.Server.Hosting;

// The COVID-19 analysis gRPC server. Everything is registered in Hosting/; see CovidServer.Build.
//   dotnet run --project Covid.Server -- --urls http://127.0.0.1:5000 --Data:Directory=./data [--Data:Seed=FILE.csv]
var app = CovidServer.Build(args);
app.Run();
