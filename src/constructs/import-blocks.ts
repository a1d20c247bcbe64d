/**
 * `import` blocks, one element per stack. cdktf's `importFrom` gives each resource a block of
 * its own, which costs twice at fleet scale: the stack merges the blocks one resource at a time,
 * copying the whole list each time (quadratic: seconds at a few thousand adopted profiles), and
 * each adds a validation that starts `terraform version` on the synthesizing machine. Here the
 * stack holds one list, written in the order cdktf writes them (the resources' order in the
 * construct tree), so the output is the same.
 */
import { TerraformElement, TerraformStack, type TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

const ELEMENT_ID = 'ImportBlocks';

/** Adds an `import` block bringing the existing object `id` under `resource`'s address. */
export function importExisting(resource: TerraformResource, id: string): void {
  ImportBlocks.of(resource).add(resource, id);
}

class ImportBlocks extends TerraformElement {
  /** The stack's element, made with its first block. */
  static of(scope: IConstruct): ImportBlocks {
    const stack = TerraformStack.of(scope);
    return (stack.node.tryFindChild(ELEMENT_ID) as ImportBlocks | undefined) ?? new ImportBlocks(stack, ELEMENT_ID);
  }

  private readonly blocks = new Map<TerraformResource, string>();

  add(resource: TerraformResource, id: string): void {
    this.blocks.set(resource, id);
  }

  /** The blocks as `{ to, id }`, in the resources' construct-tree order. */
  private ordered(): Array<{ to: string; id: string }> {
    const order = new Map(
      TerraformStack.of(this)
        .node.findAll()
        .map((construct, index): [IConstruct, number] => [construct, index]),
    );
    return [...this.blocks]
      .sort(([a], [b]) => order.get(a)! - order.get(b)!)
      .map(([resource, id]) => ({ to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, id }));
  }

  override toTerraform(): Record<string, unknown> {
    return { import: this.ordered() };
  }

  override toHclTerraform(): Record<string, unknown> {
    return {
      import: this.ordered().map(({ to, id }) => ({
        to: { value: to, type: 'simple', storageClassType: 'reference' },
        id: { value: id, type: 'simple', storageClassType: 'string' },
      })),
    };
  }
}
