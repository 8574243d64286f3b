#!/usr/bin/env bash
# Kafka Migration Harness entry point.
#   ./run.sh                 build (Release) and run the default rehearsal: scenarios/smoke.yaml
#   ./run.sh test [args]     run the whole test suite (extra args go to `dotnet test`)
#   ./run.sh test --fast     only the unit tests: no clusters, child processes or Docker (under a minute once built)
#   ./run.sh <harness args>  pass the arguments to the harness CLI (e.g. ./run.sh validate scenarios/*.yaml)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ "${1:-}" == "test" ]]; then
  shift
  results="${HARNESS_TEST_RESULTS:-$root/TestResults}"
  if [[ "${1:-}" == "--fast" ]]; then
    shift
    # The unit tests need none of kcat, node or chromium, so the dependency check is skipped too.
    exec dotnet test Harness.sln -c Release --logger "trx" --results-directory "$results" \
      --filter "TestCategory!=Integration&TestCategory!=Docker" "$@"
  fi
  "$root/.ci/install-test-deps" || exit 3
  exec dotnet test Harness.sln -c Release --logger "trx" --results-directory "$results" "$@"
fi

dotnet build harness/Harness.Cli/Harness.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
if [[ $# -eq 0 ]]; then
  set -- run scenarios/smoke.yaml
fi
exec dotnet harness/Harness.Cli/bin/Release/net10.0/harness.dll "$@"
