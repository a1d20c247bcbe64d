import * as fs from 'fs';
import * as path from 'path';
import { betweenMarkers } from '../src/docs/spec-reference';
import { DIAGRAM_MARKERS, mermaidBlock, renderMermaid } from '../src/diagram/mermaid';
import { packageRoot } from '../src/package-root';
import { defaultSpec, synthSpec } from './helpers/synth';

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
  const { json } = synthSpec(defaultSpec());
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
        ['aws_instance__s3_write_profile', 'aws_iam_instance_profile__s3_write_profile'],
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

  it('is embedded in the README as generated', () => {
    const readme = fs.readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
    expect(betweenMarkers(readme, DIAGRAM_MARKERS)).toBe(mermaidBlock(renderMermaid(JSON.parse(json))));
  });
});
