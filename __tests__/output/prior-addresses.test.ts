import * as fs from 'fs';
import * as path from 'path';
import { priorAddresses } from '../../src/output/prior-addresses';
import { runCli } from '../helpers/run-cli';
import { folderWith, tempDir } from '../helpers/temp-dirs';

describe('priorAddresses', () => {
  it("reads the addresses, and the moves' sources, of the Terraform files the manifest lists, by folder", () => {
    const json = {
      resource: { aws_instance: { web_profile: {} }, aws_iam_role: { writer: {} } },
      data: { aws_partition: { current: {} } },
      module: { fleet: { source: './fleets/fleet' } },
      moved: [{ from: 'aws_instance.older', to: 'aws_instance.web_profile' }],
    };
    const hcl = [
      'resource "aws_iam_policy" "write" {',
      '  name = "w"',
      '}',
      '',
      'moved {',
      '  from = aws_instance.web_profile',
      '  to   = aws_instance.web',
      '}',
      '',
    ];
    const dir = folderWith({
      '.generated-files': 'json/s/main.tf.json\nmodule/m/migrations.tf\nmodule/m/main.tf\n../outside/main.tf\n',
      'json/s/main.tf.json': JSON.stringify(json),
      'module/m/main.tf': hcl.slice(0, 3).join('\n'),
      'module/m/migrations.tf': hcl.slice(4).join('\n'),
      // Not listed in the manifest: not ours, not read.
      'hcl/s/main.tf': 'resource "aws_instance" "hand_made" {\n}\n',
    });
    expect(priorAddresses(dir)).toEqual(
      new Map([
        ['json/s', new Set(['aws_instance.web_profile', 'aws_iam_role.writer', 'data.aws_partition.current', 'module.fleet', 'aws_instance.older'])],
        ['module/m', new Set(['aws_iam_policy.write', 'aws_instance.web_profile'])],
      ]),
    );
  });

  it('is empty for a folder without output of ours, or with a manifest naming files that are not there or not JSON', () => {
    expect(priorAddresses(path.join(tempDir('prior-'), 'missing'))).toEqual(new Map());
    expect(priorAddresses(folderWith({ '.generated-files': 'json/s/main.tf.json\n', 'json/s/main.tf.json': '{ not json' }))).toEqual(
      new Map([['json/s', new Set()]]),
    );
  });
});

describe('moved blocks of synth and module over the output they replace', () => {
  it('writes none in a brand-new output, and the moves a pre-rename output needs when it is regenerated over one', async () => {
    const cwd = tempDir('prior-cli-');
    expect((await runCli(['synth', '-o', 'out', '-q'], cwd)).code).toBe(0);
    expect((await runCli(['module', '-o', 'mod', '-q'], cwd)).code).toBe(0);
    const read = (file: string) => fs.readFileSync(path.join(cwd, file), 'utf8');
    expect(read('out/hcl/s3-write/main.tf')).not.toContain('moved');
    expect(JSON.parse(read('out/json/s3-write/main.tf.json')).moved).toBeUndefined();
    expect(fs.existsSync(path.join(cwd, 'mod/migrations.tf'))).toBe(false);

    // The same output as a version before instances were named after what they are wrote it: named after the instance profile.
    const preRename = (file: string) =>
      fs.writeFileSync(
        path.join(cwd, file),
        read(file).replace(/aws_instance" "s3_write"|"s3_write": \{/g, (match) => match.replace('s3_write', 's3_write_profile')),
      );
    for (const file of ['out/hcl/s3-write/main.tf', 'out/json/s3-write/main.tf.json', 'mod/main.tf']) preRename(file);
    expect(read('out/hcl/s3-write/main.tf')).toContain('resource "aws_instance" "s3_write_profile" {');
    expect((await runCli(['synth', '-o', 'out', '-q'], cwd)).code).toBe(0);
    expect((await runCli(['module', '-o', 'mod', '-q'], cwd)).code).toBe(0);
    const move = 'moved {\n  from = aws_instance.s3_write_profile\n  to   = aws_instance.s3_write\n}';
    expect(read('out/hcl/s3-write/main.tf')).toContain(move);
    expect(JSON.parse(read('out/json/s3-write/main.tf.json')).moved).toEqual([{ from: 'aws_instance.s3_write_profile', to: 'aws_instance.s3_write' }]);
    expect(read('mod/migrations.tf')).toBe(`${move}\n`);
    // Once written, a move stays: the output is up to date with itself.
    expect((await runCli(['drift', '-o', 'out'], cwd)).code).toBe(0);
    expect((await runCli(['drift', '--module', '-o', 'mod'], cwd)).code).toBe(0);
  });
});
