/**
 * `npm run bench`: measures, in one run on this machine, the main job against a stock cdktf
 * app, `cdktf synth` with this project's app command, fleets of 100 / 1,000 / 10,000
 * profiles, fleets in one account and in ten, hostile inputs refused, an account's export imported, and access decisions per second. Medians of several
 * runs after a warm-up. `--docs` writes the table into docs/performance.md. (The test suite's time is jest's own: docs/testing.md.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replaceBetweenMarkers } from '../../src/docs/spec-reference';
import { packageRoot } from '../../src/package-root';
import type { FleetScope } from './fleet-run';
import { formatMs, measureAlternating, measureCommand, median, runDifferences } from './measure';
import { fleetSpec } from './fleet-spec';

/** Where the figures go, between these markers. */
const BENCH_FILE = 'docs/performance.md';
const BENCH_MARKERS = { begin: '<!-- BEGIN_BENCH (written by `npm run bench -- --docs`) -->', end: '<!-- END_BENCH -->' };

const root = packageRoot();
const node = process.execPath;
const cdktf = path.join(root, 'node_modules', '.bin', 'cdktf');
const args = new Set(process.argv.slice(2));
const env = { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' };
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const rows: string[][] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

function row(what: string, value: string, target: string, verdict: string, runs: string): void {
  rows.push([what, value, target, verdict, runs]);
  log(`  ${what}: ${value}${target ? ` (target ${target}: ${verdict})` : ''}`);
}

/** A spec whose one profile's policy is the file `policy.json`. */
function specWithDocumentFile(): Record<string, unknown> {
  return { stack: 'refused', region: 'us-east-1', profiles: [{ policies: [{ name: 'Big', document: 'file://policy.json' }], role: { name: 'BigRole' } }] };
}

/** A policy document of about `length` characters: one long object ARN. */
function bigPolicy(length: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${'a'.repeat(length)}` }],
  });
}

function runsText(runs: readonly number[]): string {
  return runs.map((ms) => formatMs(ms)).join(', ');
}

try {
  log('main job on the built-in example...');
  const main = measureCommand(node, [path.join(root, 'bin/run.js'), 'cli', 'synth', '-o', path.join(scratch, 'main'), '-q'], { cwd: root, env, runs: 7 });

  // Hostile inputs are refused at once, before anything heavy reads them: timed as the user runs them (exit 1 expected).
  const refusals: ReadonlyArray<readonly [string, Record<string, unknown>, Record<string, string>]> = [
    ['6.4 MB policy document refused (IAM_POLICY_SIZE)', specWithDocumentFile(), { 'policy.json': bigPolicy(6_400_000) }],
    ['50 MB policy document refused (the 16 MiB file limit)', specWithDocumentFile(), { 'policy.json': bigPolicy(50_000_000) }],
    ['10,000-profile fleet in one account refused (IAM_ACCOUNT_QUOTA)', fleetSpec(10000, 'one'), {}],
  ];
  for (const [label, spec, files] of refusals) {
    log(`${label}...`);
    const dir = fs.mkdtempSync(path.join(scratch, 'refusal-'));
    fs.writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(spec));
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    const times = Array.from({ length: 3 }, () => {
      const started = process.hrtime.bigint();
      const result = spawnSync(node, [path.join(root, 'bin/run.js'), 'cli', 'synth', 'spec.json', '-o', 'out', '-q'], { cwd: dir, env, encoding: 'utf8' });
      if (result.status !== 1) throw new Error(`${label}: expected exit 1, got ${result.status}:\n${result.stderr.slice(0, 2000)}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    });
    row(label, formatMs(median(times)), '≤ 2 s', median(times) <= 2000 ? 'met' : 'missed', runsText(times));
  }

  log('stock cdktf app, cdktf synth (ts-node)...');
  const stockDir = path.join(scratch, 'stock');
  fs.mkdirSync(stockDir);
  fs.copyFileSync(path.join(root, 'scripts/bench/stock-app.ts.txt'), path.join(stockDir, 'main.ts'));
  fs.writeFileSync(path.join(stockDir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'npx ts-node main.ts', sendCrashReports: 'false' }));
  fs.writeFileSync(
    path.join(stockDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2018', module: 'CommonJS', strict: true, esModuleInterop: true, skipLibCheck: true, lib: ['es2018'] },
      include: ['main.ts'],
    }),
  );
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(stockDir, 'node_modules'));
  const stock = measureCommand(cdktf, ['synth'], { cwd: stockDir, env, runs: 3 });

  log("cdktf synth with this project's app command, and of a no-op app, in turns...");
  const cliStart = measureCommand(cdktf, ['--version'], { cwd: root, env, runs: 3 });
  const noopDir = path.join(scratch, 'noop');
  fs.mkdirSync(noopDir);
  fs.copyFileSync(path.join(root, 'scripts/bench/noop-app.js.txt'), path.join(noopDir, 'app.js'));
  fs.writeFileSync(path.join(noopDir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js', sendCrashReports: 'false' }));
  const [ours, noop] = measureAlternating(
    [
      { command: cdktf, args: ['synth', '--output', path.join(scratch, 'cdktf.out')], options: { cwd: root, env } },
      { command: cdktf, args: ['synth'], options: { cwd: noopDir, env } },
    ],
    5,
  );

  const speedup = stock.medianMs / main.medianMs;
  row('main job, built-in example (`npm run synth`)', formatMs(main.medianMs), '≤ 0.8 s', main.medianMs <= 800 ? 'met' : 'missed', runsText(main.runsMs));
  row('stock cdktf app, `cdktf synth`', formatMs(stock.medianMs), '', '', runsText(stock.runsMs));
  row('main job vs stock `cdktf synth`', `${speedup.toFixed(1)}× faster`, '≥ 8×', speedup >= 8 ? 'met' : 'missed', '');
  row('`cdktf synth` with this app', formatMs(ours.medianMs), '', '', runsText(ours.runsMs));
  row('cdktf CLI start-up (`cdktf --version`)', formatMs(cliStart.medianMs), '', '', runsText(cliStart.runsMs));
  row("`cdktf synth` of a no-op app (the CLI's own synth work)", formatMs(noop.medianMs), '', '', runsText(noop.runsMs));
  const differences = runDifferences(ours, noop);
  const overhead = median(differences);
  row(
    '`cdktf synth` with this app, above the no-op app (median of the run-by-run differences)',
    formatMs(overhead),
    '≤ 0.5 s',
    overhead <= 500 ? 'met' : 'missed',
    runsText(differences),
  );

  // Fleets are synthesized as for_each (the template once per stack) by default; the expanded
  // form (every item through cdktf) keeps the synthesis targets it was given. Checks and access
  // verification are required to grow linearly, and the whole command is measured next to it.
  const fleetScopes: ReadonlyArray<readonly [FleetScope, string, (count: number) => number]> = [
    ['synthesis', 'synthesis and writing (for_each)', () => 0],
    ['expanded', 'synthesis and writing, expanded (`--fleets expanded`)', (count) => (count === 1000 ? 2000 : count === 10000 ? 20000 : 0)],
    ['command', 'whole synth command (checks, access verification, synthesis, writing)', () => 0],
  ];
  for (const [count, runs] of [
    [100, 3],
    [1000, 5],
    [10000, 1],
  ] as const) {
    // 10,000 roles are over IAM's 5,000 per account: the whole command refuses them in one
    // account (IAM_ACCOUNT_QUOTA); it is measured below over ten accounts.
    for (const [scope, label, targetOf] of fleetScopes
      .filter(([scope]) => scope !== 'command' || count <= 5000)
      .filter(([scope]) => scope !== 'expanded' || count >= 1000)) {
      const target = targetOf(count);
      log(`fleet of ${count} profiles, ${scope}...`);
      const results = Array.from({ length: runs }, () => {
        const result = spawnSync(node, [path.join(root, 'dist/scripts/bench/fleet-run.js'), String(count), scope], { cwd: root, env, encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`fleet of ${count} failed:\n${result.stderr.slice(0, 2000)}`);
        return JSON.parse(result.stdout) as { ms: number; maxRssMb: number };
      });
      const ms = median(results.map((result) => result.ms));
      const rss = Math.max(...results.map((result) => result.maxRssMb));
      row(
        `fleet of ${count.toLocaleString('en')} profiles (${Math.ceil(count / 500)} stack${count > 500 ? 's' : ''}): ${label}`,
        `${formatMs(ms)}, peak ${Math.round(rss)} MB`,
        target ? `≤ ${formatMs(target)}` : '',
        target ? (ms <= target ? 'met' : 'missed') : '',
        runsText(results.map((result) => result.ms)),
      );
    }
  }

  // The whole command where accounts are named: the account quotas are counted across stacks,
  // and ten accounts deploy the same fleet ten times.
  // Against a stock cdktf project's `cdktf synth` of one instance profile, measured above in this run.
  for (const [count, accounts, runs, label, target, ratioTarget] of [
    [1000, 'one', 5, 'fleet of 1,000 profiles in one account', 1500, 0.35],
    [5000, 'one', 3, 'fleet of 5,000 profiles in one account (10 stacks)', 3000, 0.7],
    [1000, '10', 1, '10 accounts × 1,000 profiles (20 stacks)', 0, 0],
  ] as const) {
    log(`${label}, whole command...`);
    const results = Array.from({ length: runs }, () => {
      const result = spawnSync(node, [path.join(root, 'dist/scripts/bench/fleet-run.js'), String(count), 'command', accounts], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr.slice(0, 2000)}`);
      return JSON.parse(result.stdout) as { ms: number; maxRssMb: number; decided: number; simulated: number };
    });
    const ms = median(results.map((result) => result.ms));
    const peak = Math.round(Math.max(...results.map((result) => result.maxRssMb)));
    row(
      `${label}: whole synth command`,
      `${formatMs(ms)}, peak ${peak} MB`,
      target ? `≤ ${formatMs(target)}` : '',
      target ? (ms <= target ? 'met' : 'missed') : '',
      runsText(results.map((result) => result.ms)),
    );
    // Checks of one shape share a decision (src/access/query-shape.ts): the calls made, against the checks decided.
    const distinct = (counts: number[]) => [...new Set(counts.map((value) => value.toLocaleString('en')))].join(', ');
    const calls = distinct(results.map((result) => result.simulated));
    row(`${label}: iam-simulate calls for its ${distinct(results.map((result) => result.decided))} checks`, calls, '', '', '');
    if (ratioTarget) {
      const ratio = ms / stock.medianMs;
      row(
        `${label}: whole synth command / stock \`cdktf synth\` of one profile`,
        `${ratio.toFixed(2)}×`,
        `≤ ${ratioTarget}×`,
        ratio <= ratioTarget ? 'met' : 'missed',
        '',
      );
    }
  }

  // An account made by hand (or by a script) brought in with `import`: its export read, the spec
  // written (look-alike profiles as one fleet), loaded back, synthesized and compared with it.
  log('import of an export of 5,000 roles, 5,000 instance profiles and 10,000 instances...');
  const imports = Array.from({ length: 3 }, () => {
    const result = spawnSync(node, [path.join(root, 'dist/scripts/bench/import-run.js'), '5000', '10000'], { cwd: root, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`import of 5,000 roles failed:\n${result.stderr.slice(0, 2000)}`);
    return JSON.parse(result.stdout.trim().split('\n').pop()!) as { ms: number; maxRssMb: number };
  });
  const importMs = median(imports.map((result) => result.ms));
  row(
    '`import` of 5,000 roles, 5,000 instance profiles and 10,000 instances (written, loaded, synthesized, proved unchanged)',
    `${formatMs(importMs)}, peak ${Math.round(Math.max(...imports.map((result) => result.maxRssMb)))} MB`,
    '≤ 3 s',
    importMs <= 3000 ? 'met' : 'missed',
    runsText(imports.map((result) => result.ms)),
  );

  const access = path.join(root, 'dist/scripts/bench/decisions-run.js');
  if (fs.existsSync(access)) {
    log('access decisions per second...');
    const result = spawnSync(node, [path.join(root, 'dist/scripts/bench/decisions-run.js')], { cwd: root, env, encoding: 'utf8' });
    if (result.status === 0) row('access decisions, built-in example', `${Math.round(Number(result.stdout)).toLocaleString('en')} / s`, '', '', '');
  }

  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const table = [
    `Measured by \`npm run bench\` on ${machine}.`,
    '',
    '| measurement | result | target | | runs |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
  console.log(table);
  if (args.has('--docs')) {
    const file = path.join(root, BENCH_FILE);
    fs.writeFileSync(file, replaceBetweenMarkers(fs.readFileSync(file, 'utf8'), BENCH_MARKERS, table));
    log(`${BENCH_FILE} updated`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
