import { effectiveInstance } from '../../src/checks/effective-instance';
import {
  attachmentKind,
  instanceKind,
  INSTANCE_LAUNCH_DEFAULTS,
  instanceProfileKind,
  policyKind,
  RESOURCE_KINDS,
  roleKind,
  rolePolicyKind,
  UNMANAGED_INSTANCE_ARGUMENTS,
} from '../../src/resource-kinds';
import { argumentFields, camelCase, isBlockField, modelKeyOf } from '../../src/resource-kinds/resource-kind';
import { SECURE_DEFAULTS } from '../../src/secure-defaults';
import {
  customerManagedPolicySchema,
  inlinePolicySchema,
  instanceProfileSchema,
  instanceSchema,
  type InstanceSpec,
  roleSchema,
} from '../../src/spec/spec-schema';
import { stackModelOfStack } from '../../src/stack-model/stack-model-of-stack';
import { MODELLED_TYPES, resourcesOfType } from '../../src/stack-model/stack-model';
import { defaultSpec, synthSpec } from '../helpers/synth';

/** A value for every field of a launched instance, none of them its default (a new field of `src/spec/instance-fields.ts` needs one here). */
const EVERY_FIELD: Required<Omit<InstanceSpec, 'existingId'>> = {
  preventDestroy: true,
  name: 'every-field',
  ami: 'ami-0123456789abcdef0',
  instanceType: 't3.small',
  subnetId: 'subnet-0123456789abcdef0',
  securityGroupIds: ['sg-0123456789abcdef0'],
  keyName: 'ops',
  associatePublicIpAddress: true,
  monitoring: true,
  ebsOptimized: false,
  userData: '#!/bin/sh\necho hello\n',
  rootVolume: { sizeGb: 20, type: 'gp2', encrypted: true, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555' },
  tags: { Owner: 'ops' },
};

describe('resource kinds', () => {
  it('are the five managed types the stack model reads, in the order the walkthrough creates them, each with its label', () => {
    expect(RESOURCE_KINDS.map((kind) => [kind.type, kind.label])).toEqual([
      ['aws_iam_policy', 'IAM policy'],
      ['aws_iam_role', 'IAM role'],
      ['aws_iam_role_policy_attachment', 'attachment'],
      ['aws_iam_role_policy', 'inline policy'],
      ['aws_iam_instance_profile', 'instance profile'],
      ['aws_instance', 'EC2 instance'],
    ]);
    expect(MODELLED_TYPES).toEqual(RESOURCE_KINDS.map((kind) => kind.type));
  });

  it('declare every field of their spec objects, and no other', () => {
    expect(Object.keys(policyKind.fields).sort()).toEqual(Object.keys(customerManagedPolicySchema.shape).sort());
    expect(Object.keys(roleKind.fields).sort()).toEqual(Object.keys(roleSchema.shape).sort());
    expect(Object.keys(rolePolicyKind.fields).sort()).toEqual(Object.keys(inlinePolicySchema.shape).sort());
    expect(Object.keys(instanceProfileKind.fields).sort()).toEqual(Object.keys(instanceProfileSchema.shape).sort());
    expect(Object.keys(instanceKind.fields).sort()).toEqual(Object.keys(instanceSchema.shape).sort());
  });

  it('give the import ids the AWS provider documents', () => {
    expect(policyKind.importId('aws', '123456789012', '/app/', 'S3WritePolicy')).toBe('arn:aws:iam::123456789012:policy/app/S3WritePolicy');
    expect(roleKind.importId('S3WriteRole')).toBe('S3WriteRole');
    expect(attachmentKind.importId('S3WriteRole', 'arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe('S3WriteRole/arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(rolePolicyKind.importId('WebServerRole', 'WebServerLogs')).toBe('WebServerRole:WebServerLogs');
    expect(instanceProfileKind.importId('S3WriteProfile')).toBe('S3WriteProfile');
    expect(instanceKind.importId('i-0123456789abcdef0')).toBe('i-0123456789abcdef0');
  });

  it('name arguments in cdktf config keys by camelCase', () => {
    expect(['vpc_security_group_ids', 'root_block_device', 'http_put_response_hop_limit', 'ami'].map(camelCase)).toEqual([
      'vpcSecurityGroupIds',
      'rootBlockDevice',
      'httpPutResponseHopLimit',
      'ami',
    ]);
  });
});

describe('the instance descriptor', () => {
  const spec = defaultSpec();
  spec.profiles[0].instance = EVERY_FIELD;
  const { stack, config } = synthSpec(spec);
  const body = config.resource.aws_instance.s3_write as Record<string, any>;
  const address = 'aws_instance.s3_write';
  const model = stackModelOfStack(stack);
  const [resource] = resourcesOfType(model, 'aws_instance');
  const fields = argumentFields(instanceKind.fields);

  it('takes the defaults of a new instance from the spec schema, which takes them from SECURE_DEFAULTS', () => {
    expect(INSTANCE_LAUNCH_DEFAULTS).toEqual({
      instanceType: SECURE_DEFAULTS.instanceType,
      associatePublicIpAddress: SECURE_DEFAULTS.associatePublicIpAddress,
      monitoring: SECURE_DEFAULTS.detailedMonitoring,
      ebsOptimized: SECURE_DEFAULTS.ebsOptimized,
      rootVolume: { type: SECURE_DEFAULTS.rootVolumeType, encrypted: SECURE_DEFAULTS.rootVolumeEncrypted },
    });
  });

  it('sets the argument of every field the spec sets, as the spec gives it', () => {
    for (const [field, entry] of fields) {
      const given = (EVERY_FIELD as Record<string, any>)[field];
      if (!isBlockField(entry)) {
        expect([field, entry.argument, entry.argument === 'tags' ? body.tags.Owner : body[entry.argument]]).toEqual([
          field,
          entry.argument,
          entry.argument === 'tags' ? given.Owner : given,
        ]);
        continue;
      }
      for (const [nested, { argument }] of Object.entries(entry.fields)) expect([nested, body[entry.argument][argument]]).toEqual([nested, given[nested]]);
    }
    expect(body.tags.Name).toBe(EVERY_FIELD.name);
    expect(body.lifecycle.prevent_destroy).toBe(true);
  });

  it('points findings about each argument at the field that sets it', () => {
    const origin = stack.origins.get(address)!;
    for (const [field, entry] of fields) {
      expect(origin.arguments[entry.argument]).toEqual(['profiles', 0, 'instance', field]);
      if (isBlockField(entry)) {
        for (const [nested, { argument }] of Object.entries(entry.fields))
          expect(origin.arguments[`${entry.argument}.${argument}`]).toEqual(['profiles', 0, 'instance', field, nested]);
      }
    }
  });

  it('reads back every argument it says the model reads, and the checks see the same', () => {
    const read = resource as unknown as Record<string, any>;
    const seen = effectiveInstance(model, resource) as unknown as Record<string, unknown>;
    for (const [field, entry] of fields) {
      const given = (EVERY_FIELD as Record<string, any>)[field];
      if (isBlockField(entry)) {
        for (const [nested, reading] of Object.entries(entry.fields))
          if (reading.read) expect([nested, read[modelKeyOf(entry)][modelKeyOf(reading)]]).toEqual([nested, given[nested]]);
      } else if (entry.read) {
        expect([field, read[modelKeyOf(entry)], seen[modelKeyOf(entry)]]).toEqual([field, given, given]);
      }
    }
  });

  it('leaves every argument of a field unmanaged on an adopted instance that does not set the field', () => {
    for (const [, entry] of fields) expect(UNMANAGED_INSTANCE_ARGUMENTS).toContain(entry.argument);
  });
});
