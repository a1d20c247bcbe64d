import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformOutput, TerraformStack, TerraformVariable, Token, VariableType } from 'cdktf';
import { Construct } from 'constructs';
import { AWS_PROVIDER_CONSTRAINT } from '../constructs/provider-version';
import { Ec2Instance } from '../constructs/ec2-instance';
import { InstanceProfileChain } from '../constructs/instance-profile-chain';
import { bucketWritePolicy } from '../spec/default-spec';
import { MODULE_OUTPUTS, MODULE_VARIABLES, ModuleVariable } from './module-variables';

/**
 * The walkthrough's setup as a reusable Terraform module: names, bucket, AMI, instance type,
 * subnet and tags are variables; role, profile and instance identifiers are outputs. It has no
 * provider and no backend block: the calling root module brings both.
 */
export class S3WriterModule extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.addOverride('terraform.required_providers', { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT } });
    const variables = new Map(MODULE_VARIABLES.map((variable) => [variable.name, declareVariable(this, variable)]));
    const input = (name: string) => variables.get(name)!.stringValue;
    const tags = Token.asStringMap(variables.get('tags')!.value);

    const partition = new DataAwsPartition(this, 'Partition');
    partition.overrideLogicalId('current');
    const chain = new InstanceProfileChain(this, 'Chain', {
      roleName: input('role_name'),
      instanceProfileName: input('instance_profile_name'),
      policies: [
        {
          name: input('policy_name'),
          description: 'Write and list objects in one S3 bucket',
          document: bucketWritePolicy(`arn:${partition.partition}:s3:::${input('bucket_name')}`),
        },
      ],
      roleTags: tags,
      instanceProfileTags: tags,
      partition,
      terraformNames: { role: 'this', instanceProfile: 'this', policy: () => 'bucket_write', attachment: () => 'bucket_write' },
    });
    const instance = new Ec2Instance(this, 'Instance', {
      instanceProfile: chain.instanceProfile,
      terraformName: 'this',
      ami: input('ami_id'),
      instanceType: input('instance_type'),
      subnetId: input('subnet_id'),
      tags,
    });
    const values: Record<(typeof MODULE_OUTPUTS)[number]['name'], string> = {
      role_arn: chain.roleArn,
      role_name: chain.roleName,
      instance_profile_name: chain.instanceProfileName,
      instance_profile_arn: chain.instanceProfileArn,
      instance_id: instance.instanceId,
    };
    for (const output of MODULE_OUTPUTS) {
      new TerraformOutput(this, `Output-${output.name}`, {
        value: values[output.name],
        description: output.description,
      }).overrideLogicalId(output.name);
    }
  }
}

function declareVariable(scope: Construct, variable: ModuleVariable): TerraformVariable {
  const declared = new TerraformVariable(scope, variable.name, {
    type: variable.type === 'string' ? VariableType.STRING : VariableType.map(VariableType.STRING),
    description: variable.description,
    default: variable.default ?? undefined,
    nullable: variable.default === null ? true : undefined,
    validation: variable.validations.map(({ condition, message }) => ({ condition: `\${${condition}}`, errorMessage: message })),
  });
  if (variable.default === null) declared.addOverride('default', null);
  return declared;
}
