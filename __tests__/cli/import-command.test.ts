import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';
import { changesOnImport, formatImportChanges } from '../../src/cli/import-proof';
import { readAuthorizationDetails } from '../../src/account-export/authorization-details';
import { joinAccountExport } from '../../src/account-export/join-export';
import { parseSpec } from '../../src/spec/load-spec';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';
import { ACCOUNT, ACCOUNT_EXPORT_ARGS, ACCOUNT_EXPORT_FIXTURES } from '../helpers/account-export';

const FIXTURES = ACCOUNT_EXPORT_FIXTURES;
const EXPORT_ARGS = ACCOUNT_EXPORT_ARGS;

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('import on the walkthrough export', () => {
  it('writes the spec and its documents, lists what the spec cannot express, finds no change and exits 0', async () => {
    const cwd = tempDir('import-');
    const { code, stdout, stderr } = await runCli(['import', ...EXPORT_ARGS], cwd);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(filesUnder(cwd)).toEqual([
      'imported/inline-policies/WebServerRole.WebServerLogs.json',
      'imported/policies/S3WritePolicy.json',
      'imported/spec.yaml',
      'imported/trust/S3WriteRole.json',
      'imported/trust/WebServerRole.json',
    ]);
    const spec = fs.readFileSync(path.join(cwd, 'imported/spec.yaml'), 'utf8');
    expect(spec).toContain('document: file://policies/S3WritePolicy.json');
    expect(spec).toContain('existingId: i-0abcd1234ef567890');
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'imported/trust/S3WriteRole.json'), 'utf8'))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(stdout).toContain('  wrote     imported/spec.yaml');
    expect(stdout).toContain('imported 2 instance profiles of account 111122223333: S3WriteProfile and WebServerRole');
    expect(stdout).toContain('- role AWSServiceRoleForSupport is service-linked; left out');
    expect(spec).toContain('document: file://inline-policies/WebServerRole.WebServerLogs.json');
    expect(stdout).not.toContain('inline policy');
    expect(stdout.split('\n').at(-1)).toBe('no change on import: the first terraform apply only imports');
    // The written spec synthesizes, checks and proves like any other.
    expect((await runCli(['check', 'imported/spec.yaml'], cwd)).code).toBe(0);
  });

  it('prints the spec, documents inline, with --out -, and writes nothing', async () => {
    const cwd = tempDir('import-');
    const { code, stdout, stderr } = await runCli(['import', ...EXPORT_ARGS, '--out', '-'], cwd);
    expect(code).toBe(0);
    expect(filesUnder(cwd)).toEqual([]);
    expect(stdout).toMatch(/^# Imported by `instance-profile import`/);
    expect(stdout).toContain('        document:\n          Version: 2012-10-17\n');
    expect(stdout).not.toContain('file://');
    expect(stderr).toContain('no change on import');
  });

  it('refuses to overwrite a spec or a document without --force, writing nothing', async () => {
    const cwd = tempDir('import-');
    fs.mkdirSync(path.join(cwd, 'imported/trust'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'imported/trust/WebServerRole.json'), 'mine\n');
    const refused = await runCli(['import', ...EXPORT_ARGS], cwd);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(`error: ${path.join('imported', 'trust', 'WebServerRole.json')}: exists; pass --force to overwrite it; nothing was written`);
    expect(filesUnder(cwd)).toEqual(['imported/trust/WebServerRole.json']);
    const forced = await runCli(['import', ...EXPORT_ARGS, '--force'], cwd);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'imported/trust/WebServerRole.json'), 'utf8')).toContain('sts:AssumeRole');
    expect(filesUnder(cwd)).toHaveLength(5); // no scratch folder left
  });

  it('exits 1 on a truncated export with the reason, writing nothing', async () => {
    const cwd = tempDir('import-');
    const page = path.join(FIXTURES, 'two-pages/page-1.json');
    const { code, stdout, stderr } = await runCli(['import', '--authorization-details', page], cwd);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toContain(`error: ${page}: 1 error; nothing was written`);
    expect(stderr).toContain('IsTruncated: is true');
    expect(stderr).toContain('the export goes on after this page, and its next page was not given');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(filesUnder(cwd)).toEqual([]);
  });

  it('writes nothing when the spec it would write is refused by the spec reader', async () => {
    const cwd = tempDir('import-');
    const iam = JSON.parse(fs.readFileSync(path.join(ACCOUNT, 'authorization-details.json'), 'utf8'));
    iam.RoleDetailList[1].Tags = [{ Key: 'team', Value: 'w'.repeat(300) }];
    fs.writeFileSync(path.join(cwd, 'iam.json'), JSON.stringify(iam));
    const { code, stderr } = await runCli(['import', '--authorization-details', 'iam.json'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain('nothing was written');
    expect(stderr).toContain(`error: ${path.join('imported', 'spec.yaml')}: 1 error; nothing was written`);
    expect(stderr).toMatch(
      /spec.yaml:\d+:\d+: profiles\[1\]\.role\.tags\.team: .* is 300 characters; at most 256 allowed \(as the export has it; the spec cannot take it\)/,
    );
    expect(filesUnder(cwd)).toEqual(['iam.json']);
  });

  it('takes the pages of one export comma-separated or by repeating the option', async () => {
    const cwd = tempDir('import-');
    const [one, two] = ['page-1.json', 'page-2.json'].map((page) => path.join(FIXTURES, 'two-pages', page));
    const commas = await runCli(['import', '--authorization-details', `${one},${two}`, '--out', '-'], cwd);
    const repeated = await runCli(['import', '--authorization-details', one, '--authorization-details', two, '--out', '-'], cwd);
    expect(commas.code).toBe(0);
    expect(repeated).toEqual(commas);
  });

  it('imports only the profiles a --profile glob selects', async () => {
    const cwd = tempDir('import-');
    const { code, stdout } = await runCli(['import', ...EXPORT_ARGS, '--profile', 'Web*', '--out', 'web.yaml'], cwd);
    expect(code).toBe(0);
    expect(filesUnder(cwd)).toEqual([
      'inline-policies/WebServerRole.WebServerLogs.json',
      'policies/S3WritePolicy.json',
      'trust/WebServerRole.json',
      'web.yaml',
    ]);
    expect(stdout).toContain('imported 1 instance profile of account 111122223333: WebServerRole');
    const none = await runCli(['import', ...EXPORT_ARGS, '--profile', 'Nope*'], cwd);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no instance profile of the export matches --profile Nope*; its instance profiles: S3WriteProfile, WebServerRole');
  });

  it('refuses a missing --authorization-details and a malformed --tag as usage errors', async () => {
    const cwd = tempDir('import-');
    expect(await runCli(['import'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('import needs --authorization-details') });
    expect(await runCli(['import', ...EXPORT_ARGS, '--tag', 'team'], cwd)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--tag takes key=value (got "team")'),
    });
    expect(filesUnder(cwd)).toEqual([]);
  });
});

describe('the no-change proof', () => {
  const details = readAuthorizationDetails([path.join(ACCOUNT, 'authorization-details.json')]);
  const join = joinAccountExport(details, [], []);
  const trust = details.roles[0].trustPolicy;
  const document = details.policies[0].document;

  it('lists each argument the first apply would change', () => {
    const loaded = parseSpec(
      {
        accountId: '111122223333',
        defaultTags: { ManagedBy: 'me' },
        profiles: [
          {
            adopt: true,
            policies: [{ name: 'S3WritePolicy', document: { ...document, Statement: [] } }],
            role: { name: 'S3WriteRole', trustPolicy: trust, managedPolicies: ['ReadOnlyAccess'] },
            instanceProfile: { name: 'S3WriteProfile', path: '/team/' },
          },
        ],
      },
      'spec.yaml',
      FIXTURES,
    );
    const changes = changesOnImport(synthesizeStackModels(loaded), new Map([['111122223333', { details, join }]]));
    expect(changes.map(({ resource, argument }) => `${resource} ${argument}`)).toEqual([
      'aws_iam_policy.s3_write_policy policy',
      'aws_iam_role.s3_write_role tags',
      'aws_iam_instance_profile.s3_write_profile path',
      'aws_iam_role_policy_attachment.s3_write_role_read_only_access policy_arn',
    ]);
    expect(changes[1]).toMatchObject({ account: '{}', spec: '{"ManagedBy":"me"}' });
    const table = formatImportChanges(changes);
    expect(table[0]).toBe('4 changes on the first terraform apply after import:');
    expect(table[1].trim().split(/\s{2,}/)).toEqual(['resource', 'argument', 'in the account', 'after apply']);
  });
});
