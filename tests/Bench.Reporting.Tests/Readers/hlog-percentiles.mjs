// hdr-histogram-js's reading of a .hlog (npm, package-lock.json): every interval added into one histogram, then its
// count and the value at each percentile given, one per line, as HlogPercentiles.java prints them.
// Run by HdrLogReaderTests: node hlog-percentiles.mjs FILE P...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

// Resolved from the repository (cwd), where scripts/setup.sh ran npm ci.
const hdr = createRequire(resolve(process.cwd(), "package.json"))("hdr-histogram-js");
const [file, ...percentiles] = process.argv.slice(2);
const reader = new hdr.HistogramLogReader(readFileSync(file, "utf8"));
const total = hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3 });
let intervals = 0;
let tag = null;
let next;
while ((next = reader.nextIntervalHistogram()) !== null) {
  total.add(next);
  intervals++;
  tag = next.tag;
}
console.log(`intervals ${intervals}`);
console.log(`tag ${tag}`);
console.log(`count ${total.totalCount}`);
for (const p of percentiles) {
  console.log(`p${p} ${total.getValueAtPercentile(Number(p))}`);
}
