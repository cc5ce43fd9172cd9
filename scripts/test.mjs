// The whole test suite, as CI runs it: build, then jest (unit + dom, then e2e with real browsers, two files at a time), with
// type-check, lint and format check running beside jest at the lowest CPU priority: they take what the e2e tests leave
// idle (the browsers wait on timers and the network most of the time) instead of a minute of their own. Every check
// counts as one test; the last line is `N passed, N failed`.
//
//   npm test                  everything
//   npm test -- unit dom      only these jest projects (checks still run)
//   npm test -- e2e -t popup  extra arguments after the project names go to jest
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PROJECTS = ["unit", "dom", "e2e"];
const argv = process.argv.slice(2);
const selected = argv.filter((a) => PROJECTS.includes(a));
const jestExtra = argv.filter((a) => !PROJECTS.includes(a));
const projects = selected.length ? selected : PROJECTS;

let passed = 0;
let failed = 0;
const failures = [];

/** Runs `cmd` with the terminal as its output; resolves whether it succeeded. */
function run(label, cmd, args) {
  process.stderr.write(`\n▶ ${label}: ${cmd} ${args.join(" ")}\n`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: process.env });
    const done = (ok) => {
      process.stderr.write(`${ok ? "✔" : "✘"} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      resolve(ok);
    };
    child.on("error", () => done(false));
    child.on("close", (status) => done(status === 0));
  });
}

async function check(label, cmd, args) {
  count(label, await run(label, cmd, args));
}

function count(label, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

/**
 * Starts checks side by side at the lowest CPU priority (`nice`), each one process; `report` prints each one's output
 * once all are done, so it never interleaves with jest's.
 */
function checksBeside(checks) {
  const started = Date.now();
  const results = Promise.all(
    checks.map(
      ([label, cmd, args]) =>
        new Promise((resolve) => {
          const child = spawn("nice", ["-n", "19", cmd, ...args], { env: process.env });
          let output = "";
          child.stdout.on("data", (data) => (output += data));
          child.stderr.on("data", (data) => (output += data));
          child.on("error", (error) => (output += String(error)));
          child.on("close", (status) =>
            resolve({ label, cmd, args, ok: status === 0, output, seconds: (Date.now() - started) / 1000 }),
          );
        }),
    ),
  );
  return {
    async report() {
      for (const { label, cmd, args, ok, output, seconds } of await results) {
        process.stderr.write(`\n▶ ${label} (beside the tests): ${cmd} ${args.join(" ")}\n${output}`);
        process.stderr.write(`${ok ? "✔" : "✘"} ${label} (done ${seconds.toFixed(1)} s after it started)\n`);
        count(label, ok);
      }
    },
  };
}

async function jest(label, jestArgs) {
  const out = join(mkdtempSync(join(tmpdir(), "gloss-jest-")), "result.json");
  await run(label, "npx", ["jest", ...jestArgs, "--json", `--outputFile=${out}`, ...jestExtra]);
  if (!existsSync(out)) {
    failed++;
    failures.push(`${label}: jest did not report`);
    return;
  }
  const report = JSON.parse(readFileSync(out, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const suite of report.testResults) {
    // A suite that cannot even load has no test results; count it so it is never silently green.
    if (suite.status === "failed" && suite.assertionResults.length === 0) {
      failed++;
      failures.push(`${label}: ${suite.name} failed to run`);
    }
    for (const t of suite.assertionResults) if (t.status === "failed") failures.push(`${label}: ${t.fullName}`);
  }
}

if (existsSync("build.mjs")) await check("build", "node", ["build.mjs"]);
const checks = checksBeside([
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", "."]],
  ["format", "npx", ["prettier", "--check", "."]],
]);

const parallel = projects.filter((p) => p !== "e2e");
// Two workers on two cores: jest's default (cores − 1) would run them one file at a time.
if (parallel.length) await jest(parallel.join("+"), ["--selectProjects", ...parallel, "--maxWorkers=2"]);
// Two e2e files at a time: a browser under test waits on the double, timers and its own start most of the time (one
// file alone keeps 0.6 of the two cores busy), so a second one fills that time. Each file has its own browsers,
// servers on ports of their own, and its own X server where it presses keys; they share nothing.
if (projects.includes("e2e")) await jest("e2e", ["--selectProjects", "e2e", "--maxWorkers=2"]);
await checks.report();

if (failures.length) {
  process.stderr.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
