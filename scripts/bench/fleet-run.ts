/**
 * One fleet measurement in a fresh process: writes a spec of N profiles and prints the elapsed
 * time, the peak memory, and the checks the access proofs decided with the iam-simulate calls
 * they made for them, as JSON.
 *
 *   fleet-run.js N command [ACCOUNTS]   the synth command as a user runs it: reading, every
 *                                       check, access verification, synthesis, writing
 *   fleet-run.js N synthesis            synthesis and writing alone, after the spec has been read
 *   fleet-run.js N expanded             the same with the fleet expanded (`--fleets expanded`)
 *
 * ACCOUNTS: `one` (the spec names one account), or a number of environments, each in its own
 * account, deploying the N profiles; no account named by default.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { readSpec } from '../../src/spec/load-spec';
import { synthesize } from '../../src/pipeline/synthesize';
import { writeOutput } from '../../src/output/write-output';
import { type FleetAccounts, fleetSpec } from './fleet-spec';
import { decisionsMade } from '../../src/access/simulation-count';

/** What a fleet measurement covers. */
export type FleetScope = 'command' | 'synthesis' | 'expanded';

async function measure(count: number, scope: FleetScope, accounts: FleetAccounts): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  try {
    const file = path.join(dir, 'spec.json');
    const out = path.join(dir, 'out');
    fs.writeFileSync(file, JSON.stringify(fleetSpec(count, accounts)));
    const { loaded } = scope === 'command' ? { loaded: undefined } : readSpec(file);
    const started = process.hrtime.bigint();
    if (loaded) {
      writeOutput(out, synthesize(loaded, { fleets: scope === 'expanded' ? 'expanded' : 'for_each' }));
    } else {
      const code = await main(['synth', file, '-o', out, '-q']);
      if (code !== 0) process.exit(code);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...decisionsMade() }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [count, scope, accounts] = process.argv.slice(2);
if ((scope !== 'command' && scope !== 'synthesis' && scope !== 'expanded') || (accounts !== undefined && accounts !== 'one' && !/^\d+$/.test(accounts))) {
  console.error('usage: fleet-run.js <profiles> <command|synthesis|expanded> [one|<accounts>]');
  process.exit(2);
}
void measure(Number(count), scope, accounts === undefined ? 'none' : accounts === 'one' ? 'one' : Number(accounts));
