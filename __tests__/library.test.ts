import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { IamCatalog } from '../src/iam/iam-catalog';
import {
  checkStack,
  decideAccess,
  Ec2Instance,
  ExistingRole,
  instanceProfileNamed,
  InstanceProfileChain,
  S3_GRANT_OBJECT_ACTIONS,
  S3_LIST_ACTION,
} from '../src';

function stackWith(build: (stack: TerraformStack) => void): TerraformStack {
  const stack = new TerraformStack(new App(), 'library');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  return stack;
}

function documentOf(stack: TerraformStack, local: string): { Statement: unknown[] } {
  return (JSON.parse(Testing.synth(stack)).locals as Record<string, { Statement: unknown[] }>)[local];
}

const PARTITION = '${data.aws_partition.current.partition}';

describe('InstanceProfileChain grants', () => {
  function writer(grant: (chain: InstanceProfileChain) => void): TerraformStack {
    return stackWith((stack) => {
      const chain = new InstanceProfileChain(stack, 'Writer', { role: { name: 'S3WriteRole' }, grantsPolicy: { name: 'S3WritePolicy' } });
      grant(chain);
    });
  }

  it('grantS3Write adds exactly s3:PutObject on the objects and s3:ListBucket on the bucket, and returns them', () => {
    let returned: unknown;
    const stack = writer((chain) => (returned = chain.grantS3Write('instance-profile-test1')));
    const bucket = `arn:${PARTITION}:s3:::instance-profile-test1`;
    const expected = [
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${bucket}/*` },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
    ];
    expect(documentOf(stack, 's3_write_policy_document').Statement).toEqual(expected);
    expect((returned as Array<{ Action: unknown }>).map((statement) => statement.Action)).toEqual([['s3:PutObject'], 's3:ListBucket']);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(IamPolicy, { name: 'S3WritePolicy' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: '${aws_iam_role.s3_write_role.name}',
      policy_arn: '${aws_iam_policy.s3_write_policy.arn}',
    });
  });

  it('a key prefix scopes the objects and the listing', () => {
    const stack = writer((chain) => chain.grantS3Read('reports', { keyPrefix: 'daily/' }));
    const bucket = `arn:${PARTITION}:s3:::reports`;
    expect(documentOf(stack, 's3_write_policy_document').Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucket}/daily/*` },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket, Condition: { StringLike: { 's3:prefix': ['daily/*'] } } },
    ]);
  });

  it('grants of several calls share one policy; delete grants no listing', () => {
    const stack = writer((chain) => {
      chain.grantS3Write('a');
      chain.grantS3Delete('b');
    });
    const statements = documentOf(stack, 's3_write_policy_document').Statement;
    expect(statements).toHaveLength(3);
    expect(statements[2]).toEqual({ Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: `arn:${PARTITION}:s3:::b/*` });
    expect(Object.keys(JSON.parse(Testing.synth(stack)).resource.aws_iam_policy)).toEqual(['s3_write_policy']);
  });

  it('a role without grants has no grants policy', () => {
    const stack = writer(() => undefined);
    expect(JSON.parse(Testing.synth(stack)).resource.aws_iam_policy).toBeUndefined();
  });

  it('the granted actions are S3 actions in the IAM catalog', async () => {
    const catalog = await IamCatalog.load(['s3']);
    const actions = [...Object.values(S3_GRANT_OBJECT_ACTIONS).flat(), S3_LIST_ACTION];
    expect(actions.filter((action) => !catalog.service('s3')!.action(action.split(':')[1]))).toEqual([]);
  });

  it('a prefix-scoped write is allowed under the prefix and denied elsewhere, by the access proof', async () => {
    const stack = stackWith((scope) => {
      const chain = new InstanceProfileChain(scope, 'Uploader', { role: { name: 'UploadRole' } });
      chain.grantS3Write('uploads-bucket', { keyPrefix: 'in/' });
    });
    const decide = async (request: string) => (await decideAccess(stack, 'UploadRole', request))[0].row.decision;
    expect(await decide('put s3://uploads-bucket/in/file')).toBe('allowed');
    expect(await decide('put s3://uploads-bucket/out/file')).toBe('implicitly denied');
  });
});

describe('ExistingRole', () => {
  it('attaches the grants policy to a role that exists, by name', () => {
    const stack = stackWith((scope) => ExistingRole.fromRoleName(scope, 'Legacy', 'LegacyRole').grantS3Read('reports'));
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(IamPolicy, { name: 'LegacyRole-grants' });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { role: 'LegacyRole', policy_arn: '${aws_iam_policy.legacy_role_grants.arn}' });
    expect(JSON.parse(synthesized).resource.aws_iam_role).toBeUndefined();
  });

  it('an instance launches with an existing instance profile, by name', () => {
    const stack = stackWith(
      (scope) => new Ec2Instance(scope, 'Worker', { instanceProfile: instanceProfileNamed('HandMadeProfile'), ami: 'ami-0123456789abcdef0' }),
    );
    expect(JSON.parse(Testing.synth(stack)).resource.aws_instance.worker.iam_instance_profile).toBe('HandMadeProfile');
  });
});

describe('construct validation at synth', () => {
  const synthFails = (build: (stack: TerraformStack) => void) => () => Testing.synth(stackWith(build), true);

  it('fails if the role name exceeds 64 characters', () => {
    expect(synthFails((stack) => new InstanceProfileChain(stack, 'Writer', { role: { name: 'r'.repeat(65) } }))).toThrow(
      /role\.name: "r{65}" is 65 characters; at most 64 allowed/,
    );
  });

  it('accepts a role name of 64 characters', () => {
    expect(synthFails((stack) => new InstanceProfileChain(stack, 'Writer', { role: { name: 'r'.repeat(64) } }))).not.toThrow();
  });

  it('fails on characters IAM does not allow, a bad path and a session too long', () => {
    const run = synthFails(
      (stack) =>
        new InstanceProfileChain(stack, 'Writer', {
          role: { name: 'S3 Write', path: 'no-slashes', maxSessionDuration: 43201 },
          instanceProfile: { name: 'p'.repeat(129) },
        }),
    );
    expect(run).toThrow(/role\.name: "S3 Write" is not made of letters/);
    expect(run).toThrow(/role\.path: "no-slashes" is not a path that starts and ends with "\/"/);
    expect(run).toThrow(/role\.maxSessionDuration: .*43201/);
    expect(run).toThrow(/instanceProfile\.name: "p+\.\.\." is 129 characters; at most 128 allowed/);
  });

  it('fails above IAM’s hard quota of 20 attached policies, not at 20', () => {
    const attach = (count: number) =>
      synthFails(
        (stack) =>
          new InstanceProfileChain(stack, 'Writer', {
            role: { name: 'Many', managedPolicies: Array.from({ length: count }, (_, i) => `arn:aws:iam::123456789012:policy/P${i}`) },
          }),
      );
    expect(attach(20)).not.toThrow();
    expect(attach(21)).toThrow(/role: 21 managed policies attached; IAM attaches at most 20 to a role/);
  });

  it('skips values that Terraform resolves later', () => {
    expect(
      synthFails((stack) => {
        const name = new TerraformVariable(stack, 'role_name', { type: 'string' });
        new InstanceProfileChain(stack, 'Writer', { role: { name: name.stringValue, maxSessionDuration: name.numberValue } });
      }),
    ).not.toThrow();
  });

  it('fails on an instance’s root volume outside the allowed range', () => {
    expect(
      synthFails(
        (stack) => new Ec2Instance(stack, 'Worker', { instanceProfile: instanceProfileNamed('P'), ami: 'ami-0123456789abcdef0', rootVolume: { sizeGb: 0 } }),
      ),
    ).toThrow(/rootVolume\.sizeGb: .*0/);
  });
});

describe('checkStack', () => {
  it('reads any stack: a grant of every S3 action on every bucket is a finding', async () => {
    const stack = stackWith((scope) =>
      new InstanceProfileChain(scope, 'Broad', { role: { name: 'BroadRole' } }).addToGrantsPolicy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
    );
    const findings = await checkStack(stack);
    expect(findings.filter((finding) => finding.severity === 'high' || finding.severity === 'medium').map((finding) => finding.rule)).not.toEqual([]);
  });

  it('refuses an argument AWS provider 6 removed, written by an override, and no argument of a type the project does not write', async () => {
    const stack = stackWith((scope) => {
      const writer = new InstanceProfileChain(scope, 'Writer', { role: { name: 'WriterRole' }, instanceProfile: { name: 'WriterProfile' } });
      const instance = new Ec2Instance(scope, 'Instance', { instanceProfile: writer, ami: 'ami-0123456789abcdef0' });
      instance.instance.addOverride('cpu_core_count', 2);
      new S3Bucket(scope, 'Bucket', { bucket: 'writer-bucket' });
    });
    const findings = (await checkStack(stack)).filter((finding) => finding.rule === 'AWS_PROVIDER_ARGUMENTS');
    expect(findings.map(({ level, message }) => ({ level, message }))).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(
          /^aws_instance\.\w+: cpu_core_count is not an argument of aws_instance in AWS provider 6\.25\.0 and 6\.66\.0 \(AWS provider 5\.100\.0 has it\)/,
        ),
      },
    ]);
  });
});

describe('the package', () => {
  it('packs only the compiled library, the command and the README', () => {
    // What `npm pack` builds first (prepack): a fresh checkout has no lib/.
    execFileSync('npm', ['run', 'build:lib'], { cwd: path.resolve(__dirname, '..'), stdio: 'pipe' });
    const listing = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' }),
    ) as Array<{ files: Array<{ path: string }> }>;
    const files = listing[0].files.map((file) => file.path);
    expect(files.filter((file) => !/^lib\/.+\.(js|d\.ts)$/.test(file) && !['bin/run.js', 'README.md', 'package.json'].includes(file))).toEqual([]);
    expect(files).toContain('lib/index.js');
    expect(files.filter((file) => /__tests__|fixtures|\.test\.|tsbuildinfo|^dist\//.test(file))).toEqual([]);
  });

  it('runs nothing when it is installed (from a tarball, a folder or a git URL): lib/ is built when it is packed', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(manifest.scripts).filter((name) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(name))).toEqual([]);
    expect(manifest.scripts.prepack).toBe('npm run build:lib');
  });
});
