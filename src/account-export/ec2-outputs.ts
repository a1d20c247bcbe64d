/**
 * Reads `aws ec2 describe-instances --output json` and
 * `aws ec2 describe-iam-instance-profile-associations --output json`. The AWS CLI fetches every
 * page itself and prints one document; a `NextToken` in it means `--max-items` cut it short.
 */
import { failAt, readExportFile, type ExportFile } from './export-file';
import { asObject, objectList, optionalObject, optionalText, requiredText, tagList, type ExportObject } from './export-fields';
import { associationStates } from './association-states';
import type { ExportAssociation, ExportEc2Instance } from './ec2-model';

/** The command {@link readInstances} reads the output of. */
export const DESCRIBE_INSTANCES_COMMAND = 'aws ec2 describe-instances --output json';

/** The command {@link readAssociations} reads the output of. */
export const DESCRIBE_ASSOCIATIONS_COMMAND = 'aws ec2 describe-iam-instance-profile-associations --output json';

/** Every instance of every reservation in `file`, in output order. */
export function readInstances(file: string): ExportEc2Instance[] {
  const top = readWhole(file, DESCRIBE_INSTANCES_COMMAND, 'Reservations');
  return objectList(top, 'Reservations').flatMap((reservation) => objectList(reservation, 'Instances').map(readInstance));
}

/** Every association in `file`, in output order. */
export function readAssociations(file: string): ExportAssociation[] {
  const top = readWhole(file, DESCRIBE_ASSOCIATIONS_COMMAND, 'IamInstanceProfileAssociations');
  return objectList(top, 'IamInstanceProfileAssociations').map((entry) => {
    const state = requiredText(entry, 'State');
    const known = associationStates();
    if (!known.includes(state))
      failAt(
        entry.source,
        [...entry.path, 'State'],
        `${JSON.stringify(state)} is no association state (${known.join(', ')}); pass the unedited output of ${entry.source.command}`,
      );
    const associationId = optionalText(entry, 'AssociationId');
    return {
      ...(associationId === undefined ? {} : { associationId }),
      instanceId: requiredText(entry, 'InstanceId'),
      instanceProfileArn: requiredProfileArn(entry),
      state,
    };
  });
}

/** The top object of `file`, which must hold the list `list` and no `NextToken`. */
function readWhole(file: string, command: string, list: string): ExportObject {
  const source: ExportFile = readExportFile(file, command);
  const top = asObject(source, [], source.value);
  if (!(list in top.value)) failAt(source, [], `has no ${list}; expected the output of ${command}`);
  if (top.value.NextToken !== undefined)
    failAt(source, ['NextToken'], `the output was cut short by --max-items; run ${command} without --max-items and pass the whole output`);
  return top;
}

function readInstance(entry: ExportObject): ExportEc2Instance {
  const profile = optionalObject(entry, 'IamInstanceProfile');
  const state = optionalObject(entry, 'State');
  const placement = optionalObject(entry, 'Placement');
  const facts = {
    instanceProfileArn: profile && requiredText(profile, 'Arn'),
    state: state && requiredText(state, 'Name'),
    availabilityZone: placement && optionalText(placement, 'AvailabilityZone'),
    imageId: optionalText(entry, 'ImageId'),
    instanceType: optionalText(entry, 'InstanceType'),
    subnetId: optionalText(entry, 'SubnetId'),
  };
  return {
    instanceId: requiredText(entry, 'InstanceId'),
    ...Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)),
    tags: tagList(entry),
  };
}

function requiredProfileArn(entry: ExportObject): string {
  const profile = optionalObject(entry, 'IamInstanceProfile');
  if (!profile)
    failAt(
      entry.source,
      [...entry.path, 'IamInstanceProfile'],
      `missing; every association names its instance profile: pass the unedited output of ${entry.source.command}`,
    );
  return requiredText(profile, 'Arn');
}
