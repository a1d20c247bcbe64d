/**
 * A role's inline policies (`role.inlinePolicies`): one `aws_iam_role_policy` each, named after
 * the role and the policy; adopted with `adopt.inlinePolicies` by `<role>:<policy>`; read back by
 * the stack model, checked by the rules that read the role's policies, and applied by the access
 * proofs with the role's other policies.
 */
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { checkSpec } from '../../src/checks/check-spec';
import { parseSpec } from '../../src/spec/load-spec';
import { resourcesOfType } from '../../src/stack-model/stack-model';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';
import { verifySpec } from '../access/helpers';
import { FIXTURES, ref, synthLoaded } from '../helpers/synth';

const LOGS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::web-logs/*' }] };

/** A document of about `length` characters: one long object ARN. */
const sized = (length: number) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::logs/${'a'.repeat(length)}` }],
});

/** The IAM_POLICY_SIZE findings of a spec whose role has these inline policy documents. */
async function sizeFindings(...documents: unknown[]) {
  const loaded = parseSpec(
    {
      profiles: [
        {
          role: { name: 'WebServerRole', inlinePolicies: documents.map((document, i) => ({ name: `Logs${i}`, document })) },
          instance: { ami: 'ami-0123456789abcdef0', monitoring: true },
        },
      ],
    },
    'inline.yaml',
    FIXTURES,
  );
  return (await checkSpec(loaded, { stacks: synthesizeStackModels(loaded) })).filter((finding) => finding.rule === 'IAM_POLICY_SIZE');
}

/** A one-profile spec whose role has the inline policy `WebServerLogs` with `document`. */
function specWithInline(document: unknown = LOGS, adopt: unknown = false) {
  return parseSpec(
    {
      accountId: '111122223333',
      profiles: [
        {
          adopt,
          role: { name: 'WebServerRole', inlinePolicies: [{ name: 'WebServerLogs', document }] },
          instance: { ami: 'ami-0123456789abcdef0', monitoring: true },
          expectations: [{ allow: 'put s3://web-logs/app.log' }, { deny: 'put s3://other-logs/app.log' }],
        },
      ],
    },
    'inline.yaml',
    FIXTURES,
  );
}

describe('inline policies of a role', () => {
  it('synthesize one aws_iam_role_policy each, on the role, with the document as JSON', () => {
    const { json, config } = synthLoaded(specWithInline());
    const imports = JSON.parse(json).import;
    expect(json).toHaveResourceWithProperties(IamRolePolicy, {
      name: 'WebServerLogs',
      role: ref('aws_iam_role.web_server_role.name'),
      policy: '${jsonencode(local.web_server_role_web_server_logs_inline_document)}',
    });
    expect(config.locals.web_server_role_web_server_logs_inline_document).toEqual(LOGS);
    expect(imports).toBeUndefined();
  });

  it('are adopted by <role>:<policy> with adopt.inlinePolicies', () => {
    const { json } = synthLoaded(specWithInline(LOGS, { inlinePolicies: true }));
    expect(JSON.parse(json).import).toEqual([{ to: 'aws_iam_role_policy.web_server_role_web_server_logs', id: 'WebServerRole:WebServerLogs' }]);
  });

  it('are read back by the stack model, with the spec field of each argument', () => {
    const [stack] = synthesizeStackModels(specWithInline());
    const [inline] = resourcesOfType(stack, 'aws_iam_role_policy');
    expect(inline).toMatchObject({ name: 'WebServerLogs', document: LOGS, role: { unknown: true, reference: { address: 'aws_iam_role.web_server_role' } } });
    expect(stack.origins.get(inline.address)?.arguments.policy).toEqual(['profiles', 0, 'role', 'inlinePolicies', 0, 'document']);
  });

  it("grant what the access proofs decide, with the inline policy's deciding statement", async () => {
    const [profile] = await verifySpec(specWithInline());
    expect(profile.rows.slice(0, 2)).toEqual([
      expect.objectContaining({ expected: 'allow', decision: 'allowed', met: true, deciding: 'inline policy WebServerLogs statement 0' }),
      expect.objectContaining({ expected: 'deny', decision: 'implicitly denied', met: true }),
    ]);
  });

  it('are checked as the role policies they are: a wildcard resource is found at its field', async () => {
    const wide = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const loaded = specWithInline(wide);
    const findings = await checkSpec(loaded, { stacks: synthesizeStackModels(loaded) });
    const finding = findings.find((candidate) => candidate.rule === 'IAM_RESOURCE_WILDCARD');
    expect(finding?.path).toEqual(['profiles', 0, 'role', 'inlinePolicies', 0, 'document', 'Statement', 0, 'Resource']);
  });

  it("have IAM's inline quota: 10,240 characters for the role's inline policies together, not a managed policy's 6,144", async () => {
    expect(await sizeFindings(sized(7000))).toEqual([]);
    const [together] = await sizeFindings(sized(6000), sized(6000));
    expect(together.message).toMatch(/^the role's 2 inline policies are 12,\d{3} characters together \(whitespace not counted\)/);
    expect(together.path).toEqual(['profiles', 0, 'role']);
    const [alone] = await sizeFindings(sized(11000));
    expect(alone.path).toEqual(['profiles', 0, 'role', 'inlinePolicies', 0, 'document']);
  });
});
