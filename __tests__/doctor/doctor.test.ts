import * as fs from 'fs';
import * as path from 'path';
import { diagnose } from '../../src/doctor/doctor';
import { readInventory } from '../../src/account-export/instance-profile-list';
import { loadSpec } from '../../src/spec/load-spec';
import { SpecError } from '../../src/spec/spec-error';
import { FIXTURES } from '../helpers/synth';
import { tempDir } from '../helpers/temp-dirs';

const inventory = readInventory(path.join(FIXTURES, 'inventory/instance-profiles.json'));

describe('diagnose', () => {
  it('lists every resource the spec expects, with the command that checks it', () => {
    const report = diagnose(loadSpec());
    expect(report.items.map((item) => [item.kind, item.name, item.advice])).toEqual([
      ['policy', 'S3WritePolicy', 'aws iam get-policy --policy-arn arn:aws:iam::<account-id>:policy/S3WritePolicy'],
      ['role', 'S3WriteRole', 'aws iam get-role --role-name S3WriteRole'],
      ['attachment', 'S3WriteRole ← S3WritePolicy', 'aws iam list-attached-role-policies --role-name S3WriteRole'],
      ['instance profile', 'S3WriteProfile', 'aws iam get-instance-profile --instance-profile-name S3WriteProfile'],
    ]);
    expect(report.inventoryChecked).toBe(false);
  });

  it('finds the orphaned profile and the console-made profile named after the role', () => {
    const report = diagnose(loadSpec(), inventory);
    const byName = new Map(report.items.filter((item) => item.kind === 'instance profile').map((item) => [item.name, item]));
    expect(byName.get('S3WriteProfile')?.state).toBe('exists');
    expect(byName.get('S3WriteProfile')?.advice).toContain('set adopt.instanceProfile');
    expect(byName.get('OldWriterProfile')).toMatchObject({
      state: 'orphaned',
      advice: 'holds no role; remove it: aws iam delete-instance-profile --instance-profile-name OldWriterProfile',
    });
    expect(byName.get('S3WriteRole')).toMatchObject({ state: 'unlisted' });
    expect(byName.get('S3WriteRole')?.advice).toContain(
      'aws iam remove-role-from-instance-profile --instance-profile-name S3WriteRole --role-name S3WriteRole && aws iam delete-instance-profile --instance-profile-name S3WriteRole',
    );
    expect(byName.has('OtherTeamProfile')).toBe(false);
    expect(report.problems).toBe(2);
  });

  it('rejects a file that is not list-instance-profiles output', () => {
    expect(() => readInventory(path.join(FIXTURES, 'policies/trust-ec2.json'))).toThrow(SpecError);
  });

  it('reads the inventory as PowerShell writes it (UTF-16 with a byte-order mark, CRLF)', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'inventory/instance-profiles.json'), 'utf8').replace(/\r?\n/g, '\r\n');
    const file = path.join(tempDir('doctor-'), 'profiles.json');
    fs.writeFileSync(file, Buffer.from('\ufeff' + text, 'utf16le'));
    expect(readInventory(file)).toEqual(inventory);
  });

  it.each([
    [
      'a syntax error, at its line and column',
      '{\n  "InstanceProfiles": [\n    {},\n  ]\n}\n',
      /^.*profiles\.json:4:3: invalid JSON: a trailing comma before '\]'.*; expected the output of aws iam list-instance-profiles --output json$/,
    ],
    ['null', 'null', /InstanceProfiles: missing; expected the output/],
    ['a null entry', '{"InstanceProfiles": [null]}', /InstanceProfiles\[0\]: expected InstanceProfileName and Roles/],
  ])('rejects an inventory with %s as an input error', (_name, text, message) => {
    const file = path.join(tempDir('doctor-'), 'profiles.json');
    fs.writeFileSync(file, text);
    expect(() => readInventory(file)).toThrow(SpecError);
    expect(() => readInventory(file)).toThrow(message);
  });
});
