# syntax=docker/dockerfile:1
# One image for every role (Host:Roles = bot, jobs, admin): docker-compose.yml runs it three ways.
# Build: docker build -t school-journal .      Run alone (SQLite, demo): docker run -p 8080:8080 school-journal --demo

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so a code change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props ProductRuntime.props ./
COPY Bot.Domain/Bot.Domain.csproj Bot.Domain/
COPY AdminPanel/AdminPanel.csproj AdminPanel/
COPY Bot.Host/Bot.Host.csproj Bot.Host/
RUN dotnet restore Bot.Host/Bot.Host.csproj
COPY Bot.Domain/ Bot.Domain/
COPY AdminPanel/ AdminPanel/
COPY Bot.Host/ Bot.Host/
RUN dotnet publish Bot.Host/Bot.Host.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# tzdata: schools' time zones (Europe/Kyiv); postgresql-client 16 (the compose file's server): the backup verb's
# pg_dump/pg_restore; curl: the compose health checks; fonts-dejavu-core: the PDFs embed DejaVu from the assembly, the
# system copy serves SkiaSharp's fallback.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata postgresql-client curl fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The SQLite file, the panel's data-protection keys and the audit key (owner-only) live under /app/data (volumes in compose).
RUN mkdir -p /app/data/keys /app/data/audit && chown -R $APP_UID:$APP_UID /app/data && chmod 700 /app/data/audit
ENV ASPNETCORE_HTTP_PORTS=8080 \
    TZ=Europe/Kyiv \
    DataProtection__KeysPath=/app/data/keys
# The image's non-root user "app" (uid 1654).
USER $APP_UID
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "Bot.Host.dll"]
