import * as path from 'path';
import { checkAccountQuotas } from '../../src/checks/limits/account-quotas';
import type { StackModel, StackResource } from '../../src/stack-model/stack-model';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';
import * as fs from 'fs';

/** A stack model holding `roles` roles and `profiles` instance profiles, in `account`. */
function stack(source: string, roles: number, profiles: number, account?: string): StackModel {
  const base = { ignoreChanges: [], tags: {}, tagsAll: {}, path: '/' };
  const resources = [
    ...Array.from({ length: roles }, (_, i): StackResource => ({
      ...base,
      type: 'aws_iam_role',
      address: `aws_iam_role.r${i}`,
      name: `r${i}`,
      assumeRolePolicy: {},
      managedPolicyArns: [],
    })),
    ...Array.from({ length: profiles }, (_, i): StackResource => ({
      ...base,
      type: 'aws_iam_instance_profile',
      address: `aws_iam_instance_profile.p${i}`,
      name: `p${i}`,
    })),
  ];
  return {
    source,
    provider: {
      region: 'us-east-1',
      regionGiven: true,
      partition: 'aws',
      dnsSuffix: 'amazonaws.com',
      allowedAccountIds: account ? [account] : [],
      defaultTags: {},
    },
    resources,
    origins: new Map(),
  };
}

const field = () => ['accountId'];

describe('IAM quotas per account', () => {
  it('are counted across the stacks of one account, not per stack', () => {
    expect(checkAccountQuotas([stack('a', 600, 600, '111122223333'), stack('b', 400, 400, '111122223333')], field)).toEqual([]);
    const over = checkAccountQuotas([stack('a', 600, 600, '111122223333'), stack('b', 401, 400, '111122223333')], field);
    expect(over).toEqual([
      expect.objectContaining({
        rule: 'IAM_ACCOUNT_QUOTA',
        level: 'warning',
        message: expect.stringContaining('1,001 roles in account 111122223333, across 2 stacks; IAM allows 1,000 roles per account by default'),
      }),
    ]);
  });

  it('keep accounts apart', () => {
    expect(checkAccountQuotas([stack('dev', 900, 900, '111122223333'), stack('prod', 900, 900, '444455556666')], field)).toEqual([]);
  });

  it('are an error above the 5,000 IAM allows at most, for roles and instance profiles alike', () => {
    const findings = checkAccountQuotas([stack('a', 5000, 5001)], field);
    expect(findings).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('5,000 roles in the account (no accountId given)') }),
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining(
          '5,001 instance profiles in the account (no accountId given), across 1 stack; IAM allows at most 5,000 instance profiles per account',
        ),
      }),
    ]);
  });

  it('are reported by check on a fleet, at the accountId that names the account', async () => {
    const cwd = tempDir('quota-');
    const items = Array.from({ length: 1001 }, (_, i) => ({ team: `t${i}` }));
    fs.writeFileSync(
      path.join(cwd, 'fleet.json'),
      JSON.stringify(
        {
          stack: 'fleet',
          accountId: '111122223333',
          sharding: { profilesPerStack: 500 },
          fleets: [{ template: { role: { name: '{{team}}-writer' } }, items }],
        },
        null,
        2,
      ),
    );
    const { code, stdout } = await runCli(['check', 'fleet.json'], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/warning\s+IAM_ACCOUNT_QUOTA\s+-\s+accountId \(line 3\)\s+1,001 roles in account 111122223333, across 3 stacks/);
  });
});
