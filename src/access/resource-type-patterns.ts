/**
 * The ARN formats of the resource types an action acts on, as iam-simulate reads them from
 * iam-data to find the resource type of a request (`s3:PutObject` acts on
 * `arn:${Partition}:s3:::${BucketName}/${ObjectName}`). The shape of a query needs them: their
 * literal text is compared with the request's resource (see `query-shape.ts`).
 */
import { IamCatalog } from '../iam/iam-catalog';

const catalogs = new Map<string, Promise<IamCatalog>>();

/**
 * The ARN formats of the resource types of `action` (`service:Name`, any case); empty for an
 * action iam-data does not know or one that takes no resource. Each service is loaded once per
 * process.
 */
export async function resourceTypePatternsOf(action: string): Promise<readonly string[]> {
  const colon = action.indexOf(':');
  if (colon < 1) return [];
  const prefix = action.slice(0, colon).toLowerCase();
  let catalog = catalogs.get(prefix);
  if (!catalog) catalogs.set(prefix, (catalog = IamCatalog.load([prefix])));
  const found = (await catalog).service(prefix)?.action(action.slice(colon + 1));
  return found ? found.resourceTypes.map((resourceType) => resourceType.type.arnFormat) : [];
}
