#!/usr/bin/env pwsh
# Kafka Migration Harness entry point (the same as run.sh).
#   ./run.ps1                 build (Release) and run the default rehearsal: scenarios/smoke.yaml
#   ./run.ps1 test [args]     run the whole test suite (extra args go to `dotnet test`)
#   ./run.ps1 test --fast     only the unit tests: no clusters, child processes or Docker (under a minute once built)
#   ./run.ps1 <harness args>  pass the arguments to the harness CLI
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$argv = @($args)

if ($argv.Count -gt 0 -and $argv[0] -eq 'test') {
    $results = if ($env:HARNESS_TEST_RESULTS) { $env:HARNESS_TEST_RESULTS } else { Join-Path $PSScriptRoot 'TestResults' }
    # @(...) keeps a single argument an array: a lone string would be splatted character by character.
    $rest = @(if ($argv.Count -gt 1) { $argv[1..($argv.Count - 1)] })
    if ($rest.Count -gt 0 -and $rest[0] -eq '--fast') {
        # The unit tests need none of kcat, node or chromium, so the dependency check is skipped too.
        $rest = @(if ($rest.Count -gt 1) { $rest[1..($rest.Count - 1)] })
        & dotnet test Harness.sln -c Release --logger trx --results-directory $results --filter 'TestCategory!=Integration&TestCategory!=Docker' @rest
        exit $LASTEXITCODE
    }
    & bash (Join-Path $PSScriptRoot '.ci/install-test-deps')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    & dotnet test Harness.sln -c Release --logger trx --results-directory $results @rest
    exit $LASTEXITCODE
}

& dotnet build harness/Harness.Cli/Harness.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly | Write-Host
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
if ($argv.Count -eq 0) { $argv = @('run', 'scenarios/smoke.yaml') }
& dotnet (Join-Path $PSScriptRoot 'harness/Harness.Cli/bin/Release/net10.0/harness.dll') @argv
exit $LASTEXITCODE
