/**
 * One fleet measurement in a fresh process: writes a spec of N profiles, runs the synth
 * command on it as a user would (validation, access checks, synthesis, writing), and prints
 * the elapsed time and the peak memory as JSON.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { fleetSpec } from './fleet-spec';

async function measure(count: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  try {
    const file = path.join(dir, 'spec.json');
    fs.writeFileSync(file, JSON.stringify(fleetSpec(count)));
    const started = process.hrtime.bigint();
    const code = await main(['synth', file, '-o', path.join(dir, 'out'), '-q']);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (code !== 0) process.exit(code);
    console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void measure(Number(process.argv[2]));
