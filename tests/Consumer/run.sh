#!/usr/bin/env bash
# Consumer check (README "Install" + "Quick start", as a newcomer does them, outside this repository):
#  1. packs the three packages to a local folder feed (a unique prerelease version per run, so the NuGet cache never
#     serves a stale copy);
#  2. builds a fresh console app that references the packages (not the projects) and TorchSharp-cpu, whose
#     Program.cs is README "Quick start" verbatim (plus the "validation set inside a pipeline" snippet, compiled);
#     builds it with the GLIBCXX build step turned off so the engine's runtime fallback is what loads libtorch;
#     runs it: trains, saves model.zip;
#  3. builds a second app with only Microsoft.ML, Microsoft.ML.OnnxTransformer and Microsoft.ML.OnnxRuntime whose
#     Program.cs is README "Load a saved model"; it loads model.zip and predicts;
#  4. builds the first app without TorchSharp-cpu and expects the build to fail with MLDROPOUT001 naming it;
#  5. builds the same Quick start with a ProjectReference to src/ from outside the repository (no build-time fix
#     is imported that way) and runs it: the engine's run-time fallback alone must make libtorch load.
#   tests/Consumer/run.sh             # from anywhere; KEEP_CONSUMER=1 keeps the work folder
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/tests/Consumer"
work="$(mktemp -d "${TMPDIR:-/tmp}/mlnetreg-consumer.XXXXXX")"
trap '[[ "${KEEP_CONSUMER:-0}" == 1 ]] || rm -rf "$work"' EXIT
version="0.2.0-ci.$(date -u +%Y%m%d%H%M%S)"
start=$SECONDS

step() { echo "## consumer: $*"; }
fail() { echo "FAIL consumer: $*" >&2; exit 1; }

step "pack $version to $work/feed"
for p in src/Microsoft.ML.Dropout src/Estimators src/Reports; do
  dotnet pack "$repo/$p" -c Release -o "$work/feed" -p:VersionSuffix="${version#0.2.0-}" --nologo -v quiet -clp:ErrorsOnly
done
ls "$work/feed"/*.snupkg >/dev/null || fail "no symbol packages (.snupkg) were produced"

cat >"$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
XML

# README blocks: the first ```csharp fence after the marker line.
readme_block() { awk -v m="<!-- consumer:$1 -->" '$0 == m {f = 1; next} f && /^```csharp/ {p = 1; next} p && /^```/ {exit} p' "$repo/README.md"; }
cp -r "$here/Train" "$here/Score" "$here/ProjectRef" "$work/"
readme_block quickstart >"$work/Train/Program.cs"
[[ -s "$work/Train/Program.cs" ]] || fail "README has no <!-- consumer:quickstart --> csharp block"
{ echo "using Microsoft.ML; using Microsoft.ML.Dropout.Estimators;"
  echo "static class ValidationInsidePipeline { public static ITransformer Run(MLContext ml, IDataView train, IDataView valid) {"
  readme_block validation
  echo "return model; } }"; } >"$work/Train/Validation.cs"
{ readme_block score; sed -n '/^public sealed class HouseRow/,$p' "$work/Train/Program.cs"; } >"$work/Score/Program.cs"

# houses.csv as the Quick start describes it: Rooms,Age,Distance,Expensive; 1,000 rows, learnable, seeded.
awk 'BEGIN { srand(1); print "Rooms,Age,Distance,Expensive";
  for (i = 0; i < 1000; i++) { r = 1 + int(rand() * 9); a = rand() * 80; d = rand() * 30;
    s = r - 0.03 * a - 0.1 * d + (rand() + rand() + rand() - 1.5) * 1.5;
    printf "%d,%.1f,%.2f,%s\n", r, a, d, (s > 2.5 ? "true" : "false") } }' >"$work/Train/houses.csv"

step "build the training app (packages; GLIBCXX build step off: the runtime fallback loads libtorch)"
dotnet build "$work/Train" -p:MlDropoutVersion="$version" -p:MlDropoutWeakenGlibcxx=false --nologo -v quiet -clp:ErrorsOnly
step "run it: train, evaluate, save"
(cd "$work/Train" && MLDROPOUT_NATIVE_CACHE="$work/native-cache" dotnet bin/Debug/net10.0/Train.dll) | tee "$work/train.log"
grep -q '^AUC ' "$work/train.log" || fail "the Quick start printed no AUC"
[[ -s "$work/Train/model.zip" ]] || fail "the Quick start wrote no model.zip"

step "build the scoring-only app (Microsoft.ML + OnnxTransformer + OnnxRuntime)"
dotnet build "$work/Score" --nologo -v quiet -clp:ErrorsOnly
if ls "$work/Score/bin/Debug/net10.0" | grep -Eiq 'torch|Microsoft\.ML\.Dropout'; then
  fail "the scoring app's output contains TorchSharp/libtorch or this library"
fi
cp "$work/Train/model.zip" "$work/Score/"
step "run it: load model.zip and predict"
(cd "$work/Score" && dotnet bin/Debug/net10.0/Score.dll) | tee "$work/score.log"
grep -q '^expensive: ' "$work/score.log" || fail "the scoring app printed no prediction"

step "build the training app without TorchSharp-cpu: the build must fail naming it"
cp -r "$here/Train" "$work/NoBackend" && cp "$work/Train/"*.cs "$work/NoBackend/"
if dotnet build "$work/NoBackend" -p:MlDropoutVersion="$version" -p:WithBackend=false --nologo -v quiet \
     -clp:ErrorsOnly >"$work/nobackend.log" 2>&1; then
  fail "the build without TorchSharp-cpu succeeded"
fi
grep -q 'MLDROPOUT001.*TorchSharp-cpu' "$work/nobackend.log" || { cat "$work/nobackend.log"; fail "the build failed without MLDROPOUT001"; }
step "ProjectReference consumer outside the repository: build and run (run-time native fallback only)"
cp "$work/Train/"*.cs "$work/Train/houses.csv" "$work/ProjectRef/"
dotnet build "$work/ProjectRef" -p:MlDropoutRepo="$repo" --nologo -v quiet -clp:ErrorsOnly
(cd "$work/ProjectRef" && MLDROPOUT_NATIVE_CACHE="$work/native-cache-projectref" dotnet bin/Debug/net10.0/ProjectRef.dll) | tee "$work/projectref.log"
grep -q '^AUC ' "$work/projectref.log" || fail "the ProjectReference consumer printed no AUC"

echo "ok   consumer check ($((SECONDS - start)) s): packages $version; trained, saved, loaded and predicted; missing backend fails the build; ProjectReference consumer trains"
