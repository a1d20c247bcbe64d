/** The EC2 side of an account export: instances and their instance profile associations. */
import type { ExportTag } from './export-fields';

/** An instance of `aws ec2 describe-instances` (`Reservations[].Instances[]`). */
export interface ExportEc2Instance {
  readonly instanceId: string;
  /** `IamInstanceProfile.Arn`. @default - the instance has no instance profile */
  readonly instanceProfileArn?: string;
  readonly tags: readonly ExportTag[];
  /** `State.Name`: `running`, `stopped`, … @default - not in the output */
  readonly state?: string;
  /** `Placement.AvailabilityZone`. @default - not in the output */
  readonly availabilityZone?: string;
  /** @default - not in the output */
  readonly imageId?: string;
  /** @default - not in the output */
  readonly instanceType?: string;
  /** @default - not in the output (EC2-Classic, or a terminated instance) */
  readonly subnetId?: string;
}

/** An association of `aws ec2 describe-iam-instance-profile-associations` (`IamInstanceProfileAssociations[]`). */
export interface ExportAssociation {
  /** `AssociationId`. @default - not in the output */
  readonly associationId?: string;
  readonly instanceId: string;
  /** `IamInstanceProfile.Arn`. */
  readonly instanceProfileArn: string;
  /** `associating`, `associated`, `disassociating` or `disassociated` (the EC2 API's IamInstanceProfileAssociationState). */
  readonly state: string;
}
