import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Ec2Instance, InstanceProfileChain } from 'instance-profile-cdktf';

/** The walkthrough: a role EC2 may assume that writes to one bucket, its instance profile, and an instance launched with it. */
export class WalkthroughStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const writer = new InstanceProfileChain(this, 'Writer', {
      role: { name: 'S3WriteRole' },
      instanceProfile: { name: 'S3WriteProfile' },
      grantsPolicy: { name: 'S3WritePolicy' },
    });
    writer.grantS3Write('instance-profile-test1');
    new Ec2Instance(this, 'Instance', { instanceProfile: writer, ami: 'ami-0123456789abcdef0', name: 'writer' });
  }
}

if (require.main === module) {
  const app = new App();
  new WalkthroughStack(app, 'walkthrough');
  app.synth();
}
