/**
 * `npm run lock [-- --platform <os_arch>]`: records the AWS provider's package hash for this
 * machine's platform (or the one named), as `terraform providers lock` computes it from the
 * provider mirror, in src/terraform/aws-provider-hashes.ts; the hashes of other platforms are
 * kept. Every generated root's `.terraform.lock.hcl` lists them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../src/package-root';
import { AWS_PROVIDER_HASHES } from '../src/terraform/aws-provider-hashes';
import { terraformPlatform } from '../src/terraform/find-provider-mirror';
import { TerraformRunner } from '../src/terraform/terraform-runner';

const FILE = path.join(packageRoot(), 'src/terraform/aws-provider-hashes.ts');

function main(args: readonly string[]): number {
  const at = args.indexOf('--platform');
  const platform = at >= 0 ? args[at + 1] : terraformPlatform();
  if (!platform || !/^[a-z0-9]+_[a-z0-9]+$/.test(platform)) {
    process.stderr.write('usage: npm run lock [-- --platform <os_arch>]   e.g. --platform darwin_arm64\n');
    return 2;
  }
  const hash = TerraformRunner.create().providerHash(platform);
  const hashes = Object.fromEntries(Object.entries({ ...AWS_PROVIDER_HASHES, [platform]: hash }).sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = fs.readFileSync(FILE, 'utf8');
  const start = text.indexOf('export const AWS_PROVIDER_HASHES');
  const entries = Object.entries(hashes).map(([name, value]) => `  ${name}: '${value}',`);
  fs.writeFileSync(FILE, `${text.slice(0, start)}export const AWS_PROVIDER_HASHES: Readonly<Record<string, string>> = {\n${entries.join('\n')}\n};\n`);
  process.stderr.write(`${platform}: ${hash}${AWS_PROVIDER_HASHES[platform] === hash ? ' (unchanged)' : ''}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
