import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { groupLookAlikes } from '../../src/account-export/look-alike-fleets';
import { loadSpec } from '../../src/spec/load-spec';
import { writeBenchExport } from '../../scripts/bench/account-export';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

/** A profile of team `n`, as the import builds it. */
function teamProfile(n: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    adopt: true,
    policies: [{ name: `team${n}-write`, document: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::team${n}-bucket/*` }] } }],
    role: { name: `team${n}-writer`, tags: { team: `team${n}` } },
    instanceProfile: { name: `team${n}-writer-profile` },
    instance: { existingId: `i-0${n}` },
    ...extra,
  };
}

/** The template filled with an item, as the spec reader fills fleets. */
function filled(template: unknown, item: Readonly<Record<string, string>>): unknown {
  return JSON.parse(JSON.stringify(template).replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (_, field: string) => item[field]));
}

describe('look-alike profiles as fleets', () => {
  const profiles = Array.from({ length: 12 }, (_, i) => teamProfile(String(i).padStart(3, '0')));

  it('groups profiles alike but for their strings into one template, and each item gives its profile back exactly', () => {
    const { alone, fleets } = groupLookAlikes(profiles);
    expect(alone).toEqual([]);
    expect(fleets).toHaveLength(1);
    const [fleet] = fleets;
    expect(fleet.template).toMatchObject({
      policies: [{ name: '{{team}}-write', document: { Statement: [{ Resource: 'arn:aws:s3:::{{team}}-bucket/*' }] } }],
      role: { name: '{{team}}-writer', tags: { team: '{{team}}' } },
      instanceProfile: { name: '{{team}}-writer-profile' },
      instance: { existingId: 'i-{{instance}}' },
    });
    expect(fleet.items[3]).toEqual({ team: 'team003', instance: '0003' });
    fleet.items.forEach((item, i) => expect(filled(fleet.template, item)).toEqual(profiles[fleet.members[i]]));
  });

  it('keeps apart what differs in more than strings, groups below the minimum and strings that read as placeholders', () => {
    const odd = [
      ...profiles,
      teamProfile('900', { role: { name: 'team900-writer', tags: { team: 'team900' }, maxSessionDuration: 7200 } }),
      teamProfile('901', { instanceProfile: { name: 'team{{901}}-writer-profile' } }),
    ];
    const { alone, fleets } = groupLookAlikes(odd);
    expect(alone).toEqual([12, 13]);
    expect(fleets[0].members).toEqual(profiles.map((_, i) => i));
    expect(groupLookAlikes(profiles.slice(0, 9)).fleets).toEqual([]);
    expect(groupLookAlikes(profiles, 0).alone).toHaveLength(12);
    expect(groupLookAlikes(profiles.slice(0, 3), 3).fleets).toHaveLength(1);
  });

  it('takes the whole string where a shared prefix or suffix would leave an item nothing', () => {
    const names = ['app', 'app-blue', 'app-green'].map((name) => teamProfile('1', { instanceProfile: { name } }));
    const [fleet] = groupLookAlikes(names, 3).fleets;
    expect(fleet.template.instanceProfile).toEqual({ name: '{{instanceProfile}}' });
    expect(fleet.items.map((item) => item.instanceProfile)).toEqual(['app', 'app-blue', 'app-green']);
  });

  it('writes an account of 30 look-alike profiles as one fleet that the spec reader expands and the import proves unchanged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-fleet-'));
    const files = writeBenchExport(path.join(dir, 'export'), 30, 40);
    const cwd = tempDir('import-fleet-');
    const args = ['--authorization-details', files.authorizationDetails.join(','), '--instances', files.instances, '--associations', files.associations];
    const { code, stdout } = await runCli(['import', ...args], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('imported 30 instance profiles of account 111122223333 (30 of them as a fleet of look-alikes)');
    expect(stdout).toContain('no change on import');
    const text = fs.readFileSync(path.join(cwd, 'imported/spec.yaml'), 'utf8');
    expect(text).toContain('name: "{{team}}-writer"');
    expect(fs.readdirSync(path.join(cwd, 'imported'))).toEqual(['spec.yaml']);
    const loaded = loadSpec(path.join(cwd, 'imported/spec.yaml'));
    expect(loaded.spec.profiles).toHaveLength(30);
    const alone = await runCli(['import', ...args, '--fleet-min', '0', '--out', 'alone/spec.yaml'], cwd);
    expect(alone.code).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'alone/spec.yaml'), 'utf8')).not.toContain('fleets:');
    expect((await runCli(['import', ...args, '--fleet-min', 'ten'], cwd)).stderr).toContain('--fleet-min takes a whole number, 0 or more (got "ten")');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
