#!/usr/bin/env bash
# Smoke test of the sample apps: builds them, runs each with tiny epoch counts and checks exit codes and output files.
# The CLI runs on small synthetic CSVs generated here (no datasets needed) and on its error paths.
# Dataset samples need the shared datasets (../shared/datasets beside the repository, or MLNETREG_DATASETS); without
# them the script checks that each sample fails cleanly with exit code 2 instead.
#
#   samples/run-smoke.sh                 # from the repository root (or anywhere)
#   CONFIGURATION=Release SMOKE_MNIST=1 samples/run-smoke.sh   # also MNIST (2,000 training images, 1 epoch)
#   SMOKE_NO_BUILD=1 SMOKE_SKIP_DATASETS=1 samples/run-smoke.sh # CLI checks only, on already built samples
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${CONFIGURATION:-Debug}"
work="$(mktemp -d "${TMPDIR:-/tmp}/mlnetreg-smoke.XXXXXX")"
trap '[[ "${failures:-1}" == 0 ]] && rm -rf "$work"' EXIT
cd "$repo"
failures=0

projects=(QuickStart Database BinaryClassification MulticlassClassification Regression Comparison Cli)
if [[ "${SMOKE_NO_BUILD:-0}" != 1 ]]; then
  for p in "${projects[@]}"; do
    echo "## build samples/$p"
    dotnet build "samples/$p" -c "$config" --nologo -v quiet -clp:ErrorsOnly
  done
fi

# run <name> <expected exit code> <project> [args...]: runs a sample, keeps its output in $work/<name>.log.
run() {
  local name="$1" expected="$2" project="$3"; shift 3
  local start=$SECONDS code=0
  dotnet run --no-build -c "$config" --project "samples/$project" -- "$@" >"$work/$name.log" 2>&1 || code=$?
  if [[ "$code" == "$expected" ]]; then
    echo "ok   $name (exit $code, $((SECONDS - start)) s)"
    return 0
  fi
  echo "FAIL $name: exit $code, expected $expected. Last lines:"
  tail -n 25 "$work/$name.log" | sed 's/^/     /'
  failures=$((failures + 1))
  return 1
}

# expect_files <name> <dir> <file>...: every file exists and is not empty.
expect_files() {
  local name="$1" dir="$2"; shift 2
  for f in "$@"; do
    if [[ ! -s "$dir/$f" ]]; then echo "FAIL $name: $dir/$f missing or empty"; failures=$((failures + 1)); fi
  done
}

# expect_text <name> <text>: the log of <name> contains <text>.
expect_text() {
  if ! grep -qF -- "$2" "$work/$1.log"; then
    echo "FAIL $1: output lacks '$2'. Last lines:"; tail -n 10 "$work/$1.log" | sed 's/^/     /'; failures=$((failures + 1))
  fi
}

# --- QuickStart: the README's main job (synthetic data, no dataset needed) ----------------------------------------
if run quickstart 0 QuickStart --epochs 4 --out "$work/quickstart"; then
  expect_files quickstart "$work/quickstart" model.zip report.html reliability.png regularized-learning-loss.png
  expect_text quickstart "Reloaded model predicts"
fi

# --- Database: SQLite through DatabaseLoader and a binary .idv, streamed with a 1 MiB budget (no dataset needed) ------
if run database 0 Database --rows 40000 --budget-mb 1 --epochs 2 --out "$work/database"; then
  expect_files database "$work/database" model.zip examples.db train.idv
  expect_text database "Trained by streaming"
  expect_text database "Reloaded model predicts"
fi

# --- dataset samples -------------------------------------------------------------------------------------------
datasets="${MLNETREG_DATASETS:-}"
[[ -z "$datasets" && -d "$repo/../shared/datasets" ]] && datasets="$(cd "$repo/../shared/datasets" && pwd)"
if [[ "${SMOKE_SKIP_DATASETS:-0}" == 1 ]]; then
  echo "## dataset samples skipped (SMOKE_SKIP_DATASETS=1)"
elif [[ -n "$datasets" && -d "$datasets" ]]; then
  echo "## dataset samples (datasets: $datasets)"
  d=(--data "$datasets")
  run binary-adult 0 BinaryClassification "${d[@]}" --epochs 1 --out "$work/bin" && expect_files binary-adult "$work/bin" model.zip report.html
  run multiclass-iris 0 MulticlassClassification "${d[@]}" --epochs 3 --out "$work/iris" && expect_files multiclass-iris "$work/iris" model.zip report.html
  if [[ "${SMOKE_MNIST:-0}" == 1 ]]; then
    run multiclass-mnist 0 MulticlassClassification "${d[@]}" --dataset mnist --max-train-rows 2000 --epochs 1 --out "$work/mnist" && expect_files multiclass-mnist "$work/mnist" model.zip report.html
  fi
  run regression-california 0 Regression "${d[@]}" --epochs 1 --out "$work/cal" && expect_files regression-california "$work/cal" model.zip report.html
  run regression-boston 0 Regression "${d[@]}" --dataset boston --epochs 2 --out "$work/boston" && expect_files regression-boston "$work/boston" model.zip report.html
  run comparison-iris 0 Comparison "${d[@]}" --dataset iris --epochs 2 --out "$work/cmp" && expect_files comparison-iris "$work/cmp" comparison.md report.html \
    && expect_text comparison-iris "LightGBM" && expect_text comparison-iris "RegularizedMlp"
else
  echo "## no shared datasets found: checking that the dataset samples fail cleanly (exit 2)"
  for p in BinaryClassification MulticlassClassification Regression Comparison; do
    run "missing-data-$p" 2 "$p" --data "$work/no-such-folder" --epochs 1 --out "$work/x" && expect_text "missing-data-$p" "does not exist"
  done
fi
run bad-dataset-name 2 Regression --dataset nowhere --epochs 1 --out "$work/x" && expect_text bad-dataset-name "expects california or boston"

# --- CLI on synthetic CSVs -------------------------------------------------------------------------------------
echo "## CLI (synthetic data in $work)"
# 600 rows: two numeric features, one categorical, a quoted text field with a comma, a missing value, an ID column;
# labels for the three tasks depend on the features so the models can learn something.
awk 'BEGIN {
  srand(7); print "id,age,income,\"city, state\",color,churned,segment,spend";
  split("red green blue", colors, " ");
  for (i = 1; i <= 600; i++) {
    age = 18 + int(rand() * 60); income = 20000 + rand() * 80000; c = colors[1 + int(rand() * 3)];
    city = (rand() < 0.5) ? "\"Portland, OR\"" : "\"Austin, TX\"";
    z = (age - 45) / 15 + (income - 60000) / 25000 + (c == "red" ? 0.8 : 0);
    churned = (z + rand() - 0.5 > 0) ? "yes" : "no";
    segment = (z < -0.6) ? "low" : (z < 0.6 ? "mid" : "high");
    spend = 100 + 30 * z + 10 * rand();
    inc = (i % 50 == 0) ? "" : sprintf("%.2f", income);
    printf "id%05d,%d,%s,%s,%s,%s,%s,%.3f\n", i, age, inc, city, c, churned, segment, spend;
  } }' >"$work/customers.csv"
: >"$work/empty.csv"

cli=(train --data "$work/customers.csv" --epochs 3)
run cli-binary 0 Cli "${cli[@]}" --label churned --task binary --out "$work/cli-bin" \
  && expect_files cli-binary "$work/cli-bin" model.zip report.html ConsumeModel.cs && expect_text cli-binary "positive class 'yes'" && expect_text cli-binary "looks like an identifier"
run cli-multiclass 0 Cli "${cli[@]}" --label segment --task multiclass --out "$work/cli-multi" \
  && expect_files cli-multiclass "$work/cli-multi" model.zip report.html ConsumeModel.cs
run cli-regression 0 Cli "${cli[@]}" --label spend --task regression --out "$work/cli-reg" \
  && expect_files cli-regression "$work/cli-reg" model.zip report.html ConsumeModel.cs
run cli-missing-label 2 Cli "${cli[@]}" --label Churn --task binary --out "$work/x" \
  && expect_text cli-missing-label "Label column 'Churn' not found" && expect_text cli-missing-label "Did you mean 'churned'?"
run cli-binary-on-3-classes 2 Cli "${cli[@]}" --label segment --task binary --out "$work/x" && expect_text cli-binary-on-3-classes "needs exactly 2"
run cli-regression-on-text 2 Cli "${cli[@]}" --label color --task regression --out "$work/x" && expect_text cli-regression-on-text "non-numeric value"
run cli-empty-file 2 Cli train --data "$work/empty.csv" --label y --task binary --out "$work/x" && expect_text cli-empty-file "is empty"
run cli-wrong-separator 2 Cli "${cli[@]}" --label churned --task binary --separator ';' --out "$work/x" && expect_text cli-wrong-separator "--separator"
run cli-no-command 2 Cli --data "$work/customers.csv" && expect_text cli-no-command "the only command is 'train'"
# Files as ML.NET's TextLoader reads them: a "//" comment line, and a trailing separator on some lines of a
# space-separated file (as in breast-cancer.txt and german.data of the shared datasets).
{ echo "// generated: a comment line the CLI must skip"; sed -n '1,300p' "$work/customers.csv"; } >"$work/commented.csv"
awk 'BEGIN { srand(3); for (i = 1; i <= 200; i++) { a = rand(); b = rand(); printf "A%d %.3f %.3f %d%s\n", 1 + int(rand() * 3), a, b, (a + b > 1) ? 1 : 2, (i % 7 == 0) ? " " : "" } }' >"$work/trailing-space.data"
run cli-comment-line 0 Cli train --data "$work/commented.csv" --label churned --task binary --epochs 2 --out "$work/cli-comment" \
  && expect_text cli-comment-line "299 rows"
run cli-trailing-space 0 Cli train --data "$work/trailing-space.data" --has-header false --separator space --label col3 --task binary --epochs 2 --out "$work/cli-trailing" \
  && expect_text cli-trailing-space "200 rows"
if [[ -n "$datasets" && -f "$datasets/breast-cancer/breast-cancer.txt" && "${SMOKE_SKIP_DATASETS:-0}" != 1 ]]; then
  run cli-breast-cancer 0 Cli train --data "$datasets/breast-cancer/breast-cancer.txt" --has-header false --separator tab --label col0 --task binary --epochs 2 --out "$work/cli-bc"
  run cli-german-credit 0 Cli train --data "$datasets/german-credit/german.data" --has-header false --separator space --label col20 --task binary --epochs 2 --out "$work/cli-gc"
fi

if [[ "$failures" -gt 0 ]]; then
  echo "smoke: $failures failure(s); logs kept in $work"
  exit 1
fi
echo "smoke: all sample checks passed"
