// Answers the crosscheck inputs with @cloud-copilot/iam-simulate, run as an
// external oracle: this script only calls its public runSimulation. It is
// AGPL-licensed and is never vendored: `make crosscheck` installs it into a
// temporary directory, outside the repository, and sets NODE_PATH there.
//
//   node oracle.mjs inputs.json.gz answers.json.gz
import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [inputPath, outputPath] = process.argv.slice(2);
const require = createRequire(path.join(process.env.ORACLE_DIR, 'package.json'));
const entry = require.resolve('@cloud-copilot/iam-simulate').replace(/cjs\/index\.js$/, 'esm/index.js');
const { runSimulation } = await import(pathToFileURL(entry).href);
const version = JSON.parse(readFileSync(path.join(process.env.ORACLE_DIR, 'node_modules/@cloud-copilot/iam-simulate/package.json'))).version;

const inputs = JSON.parse(gunzipSync(readFileSync(inputPath)));
const level = (policies, i) => ({ orgIdentifier: `level-${i}`, policies: policies.map((p, j) => ({ name: `p${i}-${j}`, policy: p })) });
const answers = [];
let count = 0;
const started = process.hrtime.bigint();
for (const s of inputs.scenarios) {
  const out = [];
  for (const r of s.requests) {
    const context = {};
    for (const [k, v] of Object.entries(r.context)) context[k] = v.length === 1 && k !== 'aws:TagKeys' ? v[0] : v;
    const sim = {
      request: { principal: s.principal, action: r.action, resource: { resource: r.resource, accountId: s.resourceAccount }, contextVariables: context },
      identityPolicies: s.identity.map((p, i) => ({ name: `identity-${i}`, policy: p })),
      serviceControlPolicies: s.scps.map(level),
      resourceControlPolicies: s.rcps.map(level),
    };
    if (s.boundary) sim.permissionBoundaryPolicies = [{ name: 'boundary', policy: s.boundary }];
    if (s.session) sim.sessionPolicy = s.session;
    if (s.resourcePolicy) sim.resourcePolicy = s.resourcePolicy;
    const res = await runSimulation(sim, { simulationMode: 'Strict' });
    out.push(res.resultType === 'error' ? 'error: ' + res.errors.message : res.overallResult);
    count++;
  }
  answers.push(out);
}
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
writeFileSync(outputPath, gzipSync(JSON.stringify({ oracle: `@cloud-copilot/iam-simulate@${version}`, answers }) + '\n', { level: 9 }));
console.log(`oracle: ${count} requests in ${elapsed.toFixed(2)} s, ${(count / elapsed).toFixed(0)} requests/s`);
