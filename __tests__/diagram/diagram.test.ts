import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { buildStacks } from '../../src/app';
import { renderMermaid } from '../../src/diagram/mermaid';
import { packageRoot } from '../../src/package-root';
import { bucketWritePolicy } from '../../src/spec/default-spec';
import { parseSpec } from '../../src/spec/load-spec';
import { outputLayout, synthesize } from '../../src/pipeline/synthesize';
import { defaultSpec, FIXTURES, synthSpec } from '../helpers/synth';

/** Nodes (`id["label"]`) and edges (`a --> b`) of a Mermaid flowchart. */
function parseFlowchart(source: string) {
  const nodes = new Map<string, string>();
  const edges: Array<[string, string]> = [];
  for (const line of source.split('\n').map((l) => l.trim())) {
    const node = /^([A-Za-z0-9_]+)\[\/?"(.*)"\/?\](:::\w+)?$/.exec(line);
    if (node) nodes.set(node[1], node[2] + (node[3] ?? ''));
    const edge = /^([A-Za-z0-9_]+) --> ([A-Za-z0-9_]+)$/.exec(line);
    if (edge) edges.push([edge[1], edge[2]]);
  }
  return { nodes, edges };
}

describe('renderMermaid', () => {
  const { json, stack } = synthSpec(defaultSpec());
  const { nodes, edges } = parseFlowchart(renderMermaid(JSON.parse(json)));

  it('shows the five resources of the built-in example with their names', () => {
    expect([...nodes.values()].sort()).toEqual([
      'EC2 instance<br/>s3-writer',
      'IAM policy<br/>S3WritePolicy',
      'IAM role<br/>S3WriteRole',
      'attachment<br/>s3_write_role_s3_write_policy',
      'instance profile<br/>S3WriteProfile',
    ]);
  });

  it('draws policy → attachment → role ← profile ← instance from the references in the JSON', () => {
    expect(edges.sort()).toEqual(
      [
        ['aws_iam_policy__s3_write_policy', 'aws_iam_role_policy_attachment__s3_write_role_s3_write_policy'],
        ['aws_iam_role_policy_attachment__s3_write_role_s3_write_policy', 'aws_iam_role__s3_write_role'],
        ['aws_iam_instance_profile__s3_write_profile', 'aws_iam_role__s3_write_role'],
        ['aws_instance__s3_write', 'aws_iam_instance_profile__s3_write_profile'],
      ].sort(),
    );
  });

  it('shows AWS-managed policies and marks imported resources', () => {
    const spec = defaultSpec();
    spec.profiles[0].role.managedPolicies = ['AmazonSSMManagedInstanceCore'];
    spec.profiles[0].adopt = { role: true };
    const diagram = parseFlowchart(renderMermaid(JSON.parse(synthSpec(spec).json)));
    expect(diagram.nodes.get('aws_managed__AmazonSSMManagedInstanceCore')).toBe('AWS managed policy<br/>AmazonSSMManagedInstanceCore');
    expect(diagram.edges).toContainEqual([
      'aws_managed__AmazonSSMManagedInstanceCore',
      'aws_iam_role_policy_attachment__s3_write_role_amazon_ssm_managed_instance_core',
    ]);
    expect(diagram.nodes.get('aws_iam_role__s3_write_role')).toBe('IAM role<br/>S3WriteRole<br/>(imported):::imported');
  });

  it('draws the built-in example, which has no fleet, the same with its origins, as in generated/diagrams', () => {
    const written = fs.readFileSync(path.join(packageRoot(), 'generated', 'diagrams', 's3-write.mmd'), 'utf8');
    expect(renderMermaid(JSON.parse(json), stack.origins)).toBe(written);
    expect(renderMermaid(JSON.parse(json))).toBe(written);
  });
});

describe('renderMermaid with fleets', () => {
  /** A fleet of a policy, a role and its instance profile per team. */
  const fleet = (teams: readonly string[]) => ({
    template: { policies: [{ name: '{{team}}-write', document: bucketWritePolicy('arn:aws:s3:::{{team}}-bucket') }], role: { name: '{{team}}-writer' } },
    items: teams.map((team) => ({ team })),
  });
  const teams = (count: number) => Array.from({ length: count }, (_, i) => `team${i}`);
  const stacksOf = (spec: unknown) => buildStacks(Testing.app(), parseSpec(spec, 'spec.yaml', FIXTURES));
  /** Each stack of a spec, drawn as synth draws it: from its Terraform JSON and its origins. */
  const diagramsOf = (spec: unknown) => stacksOf(spec).map((stack) => renderMermaid(stack.toTerraform(), stack.origins));

  it('draws a 100-item fleet in one stack once, as its template with the count, in under 5,000 characters', () => {
    // GIVEN one stack holding the 100 items of a fleet
    const spec = { stack: 'fleet', fleets: [fleet(teams(100))] };
    // WHEN it is drawn
    const [stack] = stacksOf(spec);
    const source = renderMermaid(stack.toTerraform(), stack.origins);
    // THEN the first item's resources and edges stand for all of them, marked with the count
    expect(source.length).toBeLessThan(5000);
    const { nodes, edges } = parseFlowchart(source);
    expect([...nodes.values()].sort()).toEqual([
      'IAM policy<br/>team0-write<br/>template × 100 (fleets[0])',
      'IAM role<br/>team0-writer<br/>template × 100 (fleets[0])',
      'attachment<br/>team0_writer_team0_write<br/>template × 100 (fleets[0])',
      'instance profile<br/>team0-writer<br/>template × 100 (fleets[0])',
    ]);
    expect(edges).toHaveLength(3);
    // and the order the origins were recorded in does not matter
    expect(renderMermaid(stack.toTerraform(), new Map([...stack.origins].reverse()))).toBe(source);
  });

  it('draws a listed profile in full next to a fleet drawn once', () => {
    // GIVEN the built-in example's profile and a fleet of three
    const spec = defaultSpec();
    spec.fleets = [fleet(['a', 'b', 'c'])];
    // WHEN the stack is drawn
    const { nodes, edges } = parseFlowchart(diagramsOf(spec)[0]);
    // THEN the listed profile is drawn as without the fleet, and the fleet once, from its first item
    const example = parseFlowchart(renderMermaid(JSON.parse(synthSpec(defaultSpec()).json)));
    const listed = new Map([...nodes].filter(([id]) => example.nodes.has(id)));
    expect(listed).toEqual(example.nodes);
    expect(edges).toEqual(expect.arrayContaining(example.edges));
    expect(
      [...nodes]
        .filter(([id]) => !listed.has(id))
        .map(([, label]) => label)
        .sort(),
    ).toEqual([
      'IAM policy<br/>a-write<br/>template × 3 (fleets[0])',
      'IAM role<br/>a-writer<br/>template × 3 (fleets[0])',
      'attachment<br/>a_writer_a_write<br/>template × 3 (fleets[0])',
      'instance profile<br/>a-writer<br/>template × 3 (fleets[0])',
    ]);
    expect(edges).toHaveLength(example.edges.length + 3);
  });

  it('draws, in the files synth writes, the template of each shard from the first item of the fleet in that shard', () => {
    const loaded = parseSpec({ stack: 'fleet', sharding: { profilesPerStack: 2 }, fleets: [fleet(['a', 'b', 'c'])] }, 'spec.yaml', FIXTURES);
    const rolesOf = (files: ReadonlyMap<string, string>) =>
      ['fleet-1', 'fleet-2'].map((name) =>
        [...parseFlowchart(files.get(outputLayout.diagram(name))!).nodes.values()].filter((label) => label.startsWith('IAM role')),
      );
    expect(rolesOf(synthesize(loaded, { fleets: 'expanded' }))).toEqual([
      ['IAM role<br/>a-writer<br/>template × 2 (fleets[0])'],
      ['IAM role<br/>c-writer<br/>template × 1 (fleets[0])'],
    ]);
    // As for_each, each shard's module is drawn once, named after the template.
    expect(rolesOf(synthesize(loaded))).toEqual([['IAM role<br/>writer<br/>for_each × 2 (fleets[0])'], ['IAM role<br/>writer<br/>for_each × 1 (fleets[0])']]);
  });
});
