import { TerraformDataSource, TerraformProvider, TerraformStack } from 'cdktf';

/** Which attributes of a resource, data source or provider are nested blocks, recursively. */
export interface BlockShape {
  readonly [attribute: string]: BlockShape;
}

/** Block shapes by `resource.<type>`, `data.<type>` and `provider.<name>`. */
export type BlockShapes = ReadonlyMap<string, BlockShape>;

interface HclAttribute {
  readonly value?: unknown;
  readonly isBlock?: boolean;
}

interface HclSynthesizable {
  readonly terraformResourceType?: string;
  synthesizeHclAttributes?: () => Record<string, HclAttribute | undefined>;
}

/**
 * Reads the block structure from the provider bindings themselves (each attribute's `isBlock`
 * in `synthesizeHclAttributes()`), so HCL is rendered from the provider schema, not a list kept
 * by hand. Only what an element sets is described; shapes of one type are merged.
 */
export function blockShapesOf(stack: TerraformStack): BlockShapes {
  const shapes = new Map<string, Record<string, BlockShape>>();
  for (const node of stack.node.findAll()) {
    const element = node as unknown as HclSynthesizable;
    if (typeof element.synthesizeHclAttributes !== 'function' || !element.terraformResourceType) continue;
    const key = `${keyKind(node)}.${element.terraformResourceType}`;
    const shape = shapes.get(key) ?? {};
    mergeShape(shape, element.synthesizeHclAttributes());
    shapes.set(key, shape);
  }
  return shapes;
}

function keyKind(node: unknown): string {
  if (TerraformProvider.isTerraformProvider(node)) return 'provider';
  if (TerraformDataSource.isTerraformDataSource(node)) return 'data';
  return 'resource';
}

function mergeShape(target: Record<string, BlockShape>, attributes: Record<string, HclAttribute | undefined>): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!attribute?.isBlock || attribute.value === undefined) continue;
    const nested = (target[name] ?? {}) as Record<string, BlockShape>;
    for (const item of Array.isArray(attribute.value) ? attribute.value : [attribute.value]) {
      if (item && typeof item === 'object') mergeShape(nested, item as Record<string, HclAttribute>);
    }
    target[name] = nested;
  }
}
