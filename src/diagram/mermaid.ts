/**
 * A Mermaid flowchart of what a stack creates, derived from its synthesized Terraform JSON:
 * policy → attachment → role ← profile ← instance, AWS-managed policies, imports marked, each
 * fleet drawn once as its template with a count.
 */
import { policyKind, RESOURCE_KINDS } from '../resource-kinds';
import type { ResourceOrigin } from '../spec/resource-origin';
import { fleetTemplates } from './fleet-templates';
import { ResourceEntry, referencedResources, resourcesOf, TerraformJson } from './terraform-json';

/** Each resource kind's label, by Terraform type, in the order the walkthrough creates them. */
const LABELS: ReadonlyMap<string, string> = new Map(RESOURCE_KINDS.map((kind) => [kind.type, kind.label]));

/** A reference to a customer-managed policy (`aws_iam_policy.x`, in a module too). */
const POLICY_REFERENCE = new RegExp(`(^|\\.)${policyKind.type}\\.`);

/**
 * The diagram as Mermaid source. With the stack's `origins` (spec location by address), the
 * items of a fleet are drawn once, from the first item of the fleet in the stack, their labels
 * marked `template × <items in the stack> (fleets[i])`; the other items' resources and edges
 * are left out, so the diagram's size does not grow with the fleet. Listed profiles, and any
 * configuration without origins (hand-written Terraform), are drawn in full.
 */
export function renderMermaid(
  config: TerraformJson,
  origins: ReadonlyMap<string, ResourceOrigin> = new Map(),
  fleetModules: readonly FleetModuleDiagram[] = [],
): string {
  const fleets = fleetTemplates(origins);
  const notes = new Map(fleets.notes);
  const drawn = resourcesOf(config).filter((resource) => !fleets.hidden.has(resource.address));
  const drawnAddresses = new Set(drawn.map((resource) => resource.address));
  const entries: DrawnResource[] = drawn.map((resource) => ({ ...resource, references: referencedResources(resource.body, drawnAddresses) }));
  const imported = new Set((config.import ?? []).map((block) => block.to).filter((address) => !fleets.hidden.has(address)));
  for (const fleet of fleetModules) {
    const local = resourcesOf(fleet.config);
    const localAddresses = new Set(local.map((resource) => resource.address));
    const importPrefix = `module.${fleet.name}[each.key].`;
    const moduleImports = new Set(
      (config.import ?? [])
        .map((block) => block.to)
        .filter((to) => to.startsWith(importPrefix))
        .map((to) => to.slice(importPrefix.length)),
    );
    for (const resource of local) {
      const address = `module.${fleet.name}.${resource.address}`;
      // References inside the module are to its own resources: they are drawn under the module's name too.
      entries.push({ ...resource, address, references: referencedResources(resource.body, localAddresses).map((target) => `module.${fleet.name}.${target}`) });
      notes.set(address, fleet.note);
      if (moduleImports.has(resource.address)) imported.add(address);
    }
  }
  const resources = entries.sort((a, b) => typeRank(a.type) - typeRank(b.type) || a.address.localeCompare(b.address));
  const lines = ['flowchart LR'];
  const edges: string[] = [];
  const managed = new Map<string, string>();

  for (const resource of resources) {
    const isImported = imported.has(resource.address);
    const note = notes.get(resource.address);
    lines.push(
      `  ${nodeId(resource.address)}["${label(resource)}${note ? `<br/>${note}` : ''}${isImported ? '<br/>(imported)' : ''}"]${isImported ? ':::imported' : ''}`,
    );
    for (const target of resource.references) {
      // A policy flows into what attaches it; everything else points at what it uses.
      edges.push(POLICY_REFERENCE.test(target) ? `  ${nodeId(target)} --> ${nodeId(resource.address)}` : `  ${nodeId(resource.address)} --> ${nodeId(target)}`);
    }
    const arn = resource.body.policy_arn;
    if (typeof arn === 'string' && /:iam::aws:policy\//.test(arn)) {
      const name = arn.slice(arn.indexOf(':policy/') + ':policy/'.length);
      const id = `aws_managed__${name.replace(/[^A-Za-z0-9]/g, '_')}`;
      managed.set(id, name);
      edges.push(`  ${id} --> ${nodeId(resource.address)}`);
    }
  }
  for (const [id, name] of managed) lines.push(`  ${id}[/"AWS managed policy<br/>${name}"/]`);
  lines.push(...edges);
  if (imported.size) lines.push('  classDef imported stroke-dasharray: 5 5');
  return lines.join('\n') + '\n';
}

/** A resource to draw, with the drawn resources it refers to. */
interface DrawnResource extends ResourceEntry {
  readonly references: readonly string[];
}

/** A fleet's module, drawn once with its resources marked `for_each × <items> (fleets[i])`. */
export interface FleetModuleDiagram {
  /** The module call's name. */
  readonly name: string;
  /** The module's Terraform JSON. */
  readonly config: TerraformJson;
  /** What each of its resources' labels adds. */
  readonly note: string;
}

/** Types in the order the walkthrough creates them; others after. */
function typeRank(type: string): number {
  const rank = [...LABELS.keys()].indexOf(type);
  return rank < 0 ? LABELS.size : rank;
}

function nodeId(address: string): string {
  return address.replace(/[^A-Za-z0-9_]/g, '__');
}

/** Kind and name: the IAM name, else the Name tag, else the Terraform name. */
function label(resource: ResourceEntry): string {
  const tags = resource.body.tags as Record<string, string> | undefined;
  const name = [resource.body.name, tags?.Name].find((value) => typeof value === 'string' && !value.includes('${'));
  return `${LABELS.get(resource.type) ?? resource.type}<br/>${name ?? resource.name}`;
}

/** Markers around the built-in example's diagram in README.md. */
export const DIAGRAM_MARKERS = {
  begin: '<!-- BEGIN_DIAGRAM (generated by `npm run docs`) -->',
  end: '<!-- END_DIAGRAM -->',
};

/** The diagram as a fenced Markdown block. */
export function mermaidBlock(source: string): string {
  return '```mermaid\n' + source + '```';
}
