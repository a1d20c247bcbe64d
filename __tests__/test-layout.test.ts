/**
 * `npm run test:unit` runs every test outside `__tests__/terraform/` and needs no Terraform: a
 * test that runs Terraform (through the offline harness, a plan fixture or cdktf's Terraform
 * matchers) lives in that folder, which `npm test` runs too.
 */
import * as fs from 'fs';
import * as path from 'path';

const TESTS = __dirname;
const RUNS_TERRAFORM = /\b(useOfflineTerraform|applyTerraformEnvironment|TerraformRunner|planFixture|plansTogether|toPlanSuccessfully|toBeValidTerraform)\b/;

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the test folders', () => {
  it('keep every test that runs Terraform under __tests__/terraform/', () => {
    const outside = testFiles(TESTS).filter((file) => !file.startsWith(path.join(TESTS, 'terraform') + path.sep) && file !== __filename);
    expect(outside.length).toBeGreaterThan(20);
    expect(outside.filter((file) => RUNS_TERRAFORM.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(TESTS, file))).toEqual([]);
  });
});
