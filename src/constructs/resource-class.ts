import { type IResolvable, ref, Token, type TerraformResource } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';

/**
 * A scope whose resources exist only where `condition` (a Terraform bool expression) holds:
 * each resource made under it by a {@link resourceClass} gets `count = condition ? 1 : 0` and
 * is referred to as its one instance (`aws_iam_role.x[0].arn`), as terraform-aws-modules do with
 * their `create` inputs. Resources that refer to each other share the scope, so a reference is
 * only evaluated where its target exists. The innermost scope decides; its condition includes
 * its parents'.
 */
export class CreatedIf extends Construct {
  /** The scope's condition, with those of the scopes it is in. */
  readonly condition: string;

  /** @param condition - a Terraform bool expression (`var.create_reader`), read only where no scope above is false */
  constructor(scope: Construct, id: string, condition: string) {
    super(scope, id);
    const outer = CreatedIf.around(scope);
    this.condition = outer ? `${outer.condition} && ${condition}` : condition;
  }

  /** The innermost scope around `construct`, if any. */
  static around(construct: IConstruct): CreatedIf | undefined {
    for (let node: IConstruct | undefined = construct; node; node = node.node.scope) if (node instanceof CreatedIf) return node;
    return undefined;
  }
}

/**
 * A provider resource class as the project's constructs use it:
 * - it synthesizes only the attributes that are set. The bindings return every attribute of the
 *   resource type, set or not (fifty for `aws_instance`), and cdktf walks each of them several
 *   times while it merges and resolves an element; Terraform JSON never holds the unset ones,
 *   so the output is the same, in about half the time for an instance;
 * - made inside a {@link CreatedIf} scope, it has that scope's `count`, and references to its
 *   attributes, and a `moved` block into it, name its one instance (`[0]`), which cdktf leaves
 *   out for a counted resource.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resourceClass<T extends new (...args: any[]) => TerraformResource>(Resource: T): T {
  return cachedReferences(
    class extends Resource {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      constructor(...args: any[]) {
        super(...args);
        const scope = CreatedIf.around(this);
        if (scope) this.count = Token.asNumber(ref(`${scope.condition} ? 1 : 0`));
      }

      public interpolationForAttribute(terraformAttribute: string) {
        if (!CreatedIf.around(this)) return super.interpolationForAttribute(terraformAttribute);
        return ref(`${this.terraformResourceType}.${this.friendlyUniqueId}[0].${terraformAttribute}`, this.cdktfStack);
      }

      /** A move from `id` into its one instance, where it has a `count`. */
      public moveFromId(id: string): void {
        super.moveFromId(id);
        const moved = (this as unknown as { _movedById?: { to: string } })._movedById;
        if (moved && CreatedIf.around(this)) moved.to = `${moved.to}[0]`;
      }

      public synthesizeAttributes(): { [name: string]: unknown } {
        const attributes = super.synthesizeAttributes();
        for (const name of Object.keys(attributes)) if (attributes[name] === undefined) delete attributes[name];
        return attributes;
      }
    },
  );
}

/** A resource or data source of the provider bindings, as far as its references go. */
interface ReferencedElement {
  interpolationForAttribute(terraformAttribute: string): IResolvable;
  readonly friendlyUniqueId: string;
  readonly count?: unknown;
}

/**
 * A resource or data source class whose reference to each attribute (`role.arn`) is made once,
 * then handed out again: a reference is a cdktf token, and cdktf captures a whole stack trace for
 * each token it makes, which costs more than the rest of the reference (a 500-profile stack takes
 * hundreds of references to its roles, profiles and partition). A reference made again after the
 * element's logical id or count changed is a new one, as cdktf would make it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cachedReferences<T extends new (...args: any[]) => ReferencedElement>(Element: T): T {
  return class extends Element {
    // Made on first use: a constructor above this class may already ask for a reference.
    private references?: Map<string, IResolvable>;

    public interpolationForAttribute(terraformAttribute: string): IResolvable {
      const references = (this.references ??= new Map());
      const key = `${this.friendlyUniqueId}\0${this.count === undefined ? '' : 'counted'}\0${terraformAttribute}`;
      let reference = references.get(key);
      if (!reference) references.set(key, (reference = super.interpolationForAttribute(terraformAttribute)));
      return reference;
    }
  };
}
