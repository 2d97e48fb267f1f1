# The analysis server image: covid-analysis/server
#   docker build -f deploy/server.Dockerfile -t covid-analysis/server:latest .
# The build context is the repository root. There is no .dockerignore: each stage copies only
# the directories it needs, and the build stage deletes any bin/ and obj/ that came with them.

# ---- build: restore and publish Covid.Server (Release) ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Project files first so the restore layer is reused while only sources change.
# Every build file at the root: without Directory.Build.targets the Server would compile the
# contract's messages a second time and the build fail (a test checks this list).
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY Covid.SparkJob/Covid.SparkJob.csproj Covid.SparkJob/
COPY Covid.Server/Covid.Server.csproj Covid.Server/
# ReadyToRun for the build machine's runtime (linux-x64 or linux-arm64): the server starts on
# precompiled code instead of compiling every method first, so it is ready and at full speed sooner
# after a rollout (bench/run.sh small runs the server published this way).
RUN dotnet restore Covid.Server/Covid.Server.csproj --use-current-runtime -p:PublishReadyToRun=true
# Sources: the contract (compiled by Covid.SparkJob) and the two projects the server is made of.
COPY protos/ protos/
COPY Covid.SparkJob/ Covid.SparkJob/
COPY Covid.Server/ Covid.Server/
# A developer's local build outputs must not leak into the image (their obj/ would also carry
# restore state for paths that do not exist here); restore again for the fresh obj/.
RUN find Covid.SparkJob Covid.Server -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + \
 && dotnet restore Covid.Server/Covid.Server.csproj --use-current-runtime -p:PublishReadyToRun=true \
 && dotnet publish Covid.Server/Covid.Server.csproj -c Release --no-restore --use-current-runtime --self-contained false \
      -p:PublishReadyToRun=true -o /out -p:UseAppHost=false

# ---- runtime: ASP.NET Core only, non-root ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Charts are drawn with "DejaVu Sans" (Covid.Server/Plots/PlotRenderer.cs); no other font is assumed.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out ./
# gRPC over h2c on 5000, REST over HTTP/1.1 on 8080 (the image's default HTTP_PORTS=8080 is
# cleared so only these apply).
ENV ASPNETCORE_HTTP_PORTS="" \
    ASPNETCORE_URLS=http://0.0.0.0:5000 \
    Kestrel__EndpointDefaults__Protocols=Http2 \
    Rest__Http1Urls=http://0.0.0.0:8080 \
    DOTNET_ENVIRONMENT=Production
EXPOSE 5000 8080
# The aspnet image's non-root "app" user ($APP_UID), numeric so runAsNonRoot can verify it.
USER 1654
ENTRYPOINT ["dotnet", "Covid.Server.dll"]
