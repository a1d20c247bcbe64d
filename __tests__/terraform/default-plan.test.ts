import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { buildStacks } from '../../src/app';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesize } from '../../src/pipeline/synthesize';
import { moduleFilesOf } from '../helpers/module';
import type { TerraformPlanJson } from '../../src/terraform';
import { attachedWhile, OFFLINE_PROVIDER, useOfflineTerraform } from '../helpers/offline-terraform';
import { planJsonOf } from '../helpers/plan-fixture';

const terraform = useOfflineTerraform();

describe('the built-in example through real Terraform', () => {
  it("plans offline (cdktf's toPlanSuccessfully matcher, attached: a plan validates first)", () => {
    const [stack] = buildStacks(Testing.app(), loadSpec(), OFFLINE_PROVIDER);
    const outdir = Testing.fullSynth(stack);
    attachedWhile(terraform(), () => expect(outdir).toPlanSuccessfully());
  });

  describe('the generated HCL', () => {
    let plan: TerraformPlanJson;
    beforeAll(async () => {
      // The committed generated/ folder is what synth writes (the drift test of cli.test.ts); its plan is shared with other test files.
      // A plan validates the configuration first: a valid one is what it takes to get here.
      plan = (await planJsonOf('generated/hcl/s3-write', { runner: terraform() })) as TerraformPlanJson;
    });

    it('plans the five resources to add', () => {
      const changes = plan.resource_changes ?? [];
      expect(changes.map((change) => [change.address, change.change.actions])).toEqual(
        expect.arrayContaining([
          ['aws_iam_policy.s3_write_policy', ['create']],
          ['aws_iam_role.s3_write_role', ['create']],
          ['aws_iam_role_policy_attachment.s3_write_role_s3_write_policy', ['create']],
          ['aws_iam_instance_profile.s3_write_profile', ['create']],
          ['aws_instance.s3_write', ['create']],
        ]),
      );
      expect(changes.filter((change) => change.change.actions.includes('create'))).toHaveLength(5);
    });

    it("launches the instance with the profile's name and IMDSv2 required", () => {
      const instance = plan.resource_changes!.find((change) => change.address === 'aws_instance.s3_write')!;
      expect(instance.change.after).toMatchObject({
        iam_instance_profile: 'S3WriteProfile',
        metadata_options: [{ http_tokens: 'required', http_put_response_hop_limit: 1 }],
        root_block_device: [{ encrypted: true }],
        associate_public_ip_address: false,
      });
    });

    it('plans the walkthrough policy document as IAM receives it', () => {
      const policy = plan.resource_changes!.find((change) => change.address === 'aws_iam_policy.s3_write_policy')!;
      const after = policy.change.after as { name: string; policy: string };
      expect(after.name).toBe('S3WritePolicy');
      expect(JSON.parse(after.policy)).toEqual(loadSpec().spec.profiles[0].policies[0].document);
    });

    it("tears down in the walkthrough's reverse order, by Terraform's own dependency analysis", () => {
      const resources = (
        plan as unknown as {
          configuration: { root_module: { resources: Array<{ address: string; expressions?: Record<string, { references?: string[] }> }> } };
        }
      ).configuration.root_module.resources;
      const dependsOn = new Map(
        resources.map((resource) => [
          resource.address,
          new Set(
            Object.values(resource.expressions ?? {})
              .flatMap((expression) => expression.references ?? [])
              .filter((ref) => /^aws_[a-z_]+\.[a-z0-9_]+$/.test(ref)),
          ),
        ]),
      );
      // The walkthrough's teardown order: disassociate (instance), profile, detach, role, policy.
      const teardown = [
        'aws_instance.s3_write',
        'aws_iam_instance_profile.s3_write_profile',
        'aws_iam_role_policy_attachment.s3_write_role_s3_write_policy',
        'aws_iam_role.s3_write_role',
        'aws_iam_policy.s3_write_policy',
      ];
      expect(dependsOn.get(teardown[0])).toContain(teardown[1]);
      expect(dependsOn.get(teardown[1])).toContain(teardown[3]);
      expect(dependsOn.get(teardown[2])).toEqual(new Set([teardown[3], teardown[4]]));
      // Terraform destroys a resource only after everything that depends on it: the teardown
      // order above never destroys a resource before one that depends on it.
      teardown.forEach((address, index) => {
        for (const later of teardown.slice(index + 1)) expect(dependsOn.get(later)).not.toContain(address);
      });
    });
  });

  it('plans the generated JSON too', async () => {
    expect(((await planJsonOf('generated/json/s3-write', { runner: terraform() })) as TerraformPlanJson).resource_changes).toHaveLength(5);
  });

  it("keeps fake credentials and skip settings out of the user output (the module's own tests aside)", () => {
    const module = [...moduleFilesOf(loadSpec())].filter(([file]) => !file.startsWith('tests/')).map(([, content]) => content);
    const files = [...synthesize(loadSpec()).values(), ...module];
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'generated', 'hcl', 's3-write', 'main.tf'), 'utf8');
    for (const content of [...files, committed]) {
      expect(content).not.toMatch(
        /access_key|secret_key|skip_credentials_validation|skip_requesting_account_id|skip_metadata_api_check|skip_region_validation/,
      );
    }
  });
});
