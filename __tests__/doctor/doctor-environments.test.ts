/** `doctor` per environment: each environment's ARNs in its own account and partition, grouped. */
import * as fs from 'fs';
import * as path from 'path';
import { diagnose, formatDoctorReport } from '../../src/doctor/doctor';
import { defaultSpecInput } from '../../src/spec/default-spec';
import { parseSpec } from '../../src/spec/load-spec';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

function environmentsSpec(): any {
  const spec: any = defaultSpecInput();
  spec.environments = { dev: { accountId: '111111111111', region: 'us-east-1' }, china: { accountId: '222222222222', region: 'cn-north-1' } };
  return spec;
}

describe('doctor with environments', () => {
  it("names each environment's policy ARN with its account and partition, under a line naming the environment", () => {
    const report = diagnose(parseSpec(environmentsSpec(), 'spec.yaml', __dirname));
    expect(report.groups.map((group) => [group.environment, group.accountId, group.region])).toEqual([
      ['dev', '111111111111', 'us-east-1'],
      ['china', '222222222222', 'cn-north-1'],
    ]);
    const lines = formatDoctorReport(report);
    expect(lines[0]).toBe('environment dev: account 111111111111, us-east-1');
    expect(lines[1]).toMatch(/^ {2}policy\s+S3WritePolicy\s+expected\s+aws iam get-policy --policy-arn arn:aws:iam::111111111111:policy\/S3WritePolicy$/);
    const china = lines.indexOf('environment china: account 222222222222, cn-north-1');
    expect(lines[china + 1]).toContain('arn:aws-cn:iam::222222222222:policy/S3WritePolicy');
    expect(lines.join('\n')).not.toContain('<account-id>');
  });

  it('lists one environment with --environment', async () => {
    const dir = tempDir('doctor-environments-');
    const file = path.join(dir, 'spec.json');
    fs.writeFileSync(file, JSON.stringify(environmentsSpec()));
    const { code, stdout } = await runCli(['doctor', file, '--environment', 'china'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('environment china: account 222222222222, cn-north-1');
    expect(stdout).not.toContain('111111111111');
  });
});
