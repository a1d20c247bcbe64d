import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SynthesizableStack } from './stack-model/stack-model-of-stack';
import { TerraformRunner, type TerraformValidation } from './terraform/terraform-runner';

/**
 * `terraform init` and `terraform validate` on a cdktf stack, offline: the stack's Terraform
 * JSON is written to a temporary folder (removed afterwards) and the AWS provider is installed
 * from the local mirror. Throws `TerraformUnavailableError` (one line) when Terraform or the
 * mirrored provider is missing; returns the validation, valid or not.
 *
 *   expect(validateStackOffline(stack)).toMatchObject({ valid: true });
 */
export function validateStackOffline(stack: SynthesizableStack): TerraformValidation {
  const terraform = TerraformRunner.create();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-stack-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.tf.json'), `${JSON.stringify(stack.toTerraform(), null, 2)}\n`);
    terraform.init(dir, { backend: false });
    return terraform.validate(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
