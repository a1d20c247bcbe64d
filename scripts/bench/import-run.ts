/**
 * The import measurement in a fresh process: writes an export of N roles and instance profiles
 * and M instances, runs `import` to a spec file, and prints the elapsed time as JSON, with
 * its report (on standard output, before the figures) quiet.
 *
 *   import-run.js N M
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { writeBenchExport } from './account-export';

async function measure(roles: number, instances: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const files = writeBenchExport(path.join(dir, 'export'), roles, instances);
    const args = [
      'import',
      '--authorization-details',
      files.authorizationDetails.join(','),
      '--instances',
      files.instances,
      '--associations',
      files.associations,
      '--out',
      path.join(dir, 'imported', 'spec.yaml'),
      '--quiet',
    ];
    const started = process.hrtime.bigint();
    const code = await main(args);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (code !== 0) process.exit(code);
    console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [roles, instances] = process.argv.slice(2).map(Number);
if (!Number.isInteger(roles) || !Number.isInteger(instances)) {
  console.error('usage: import-run.js <roles> <instances>');
  process.exit(2);
}
void measure(roles, instances);
