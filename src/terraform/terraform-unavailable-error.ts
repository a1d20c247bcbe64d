/**
 * Terraform cannot be run here: the binary or the AWS provider is missing, or the binary is
 * unusable. The message is always one line saying what is missing and how to fix it, so that it
 * reads well as a failed test's reason or a CLI error.
 */
export class TerraformUnavailableError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = 'TerraformUnavailableError';
  }
}
