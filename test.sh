#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need when it is
# missing (nothing beyond the .NET SDK yet), then runs the whole solution's tests in Release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
dotnet test Scyfi.sln -c Release --nologo "$@"
