/**
 * The deciding statements of a decision, in words: `S3WritePolicy statement 0`,
 * `DenyTmp Sid NoTmp`, `no statement of S3WritePolicy allows it`.
 */
import type { DecidingReason } from '../iam/simulator';

/** How the policies of one request are named in reports. */
export interface PolicyLabels {
  /** Label by simulated policy id. Policies without a label (the trust check's assumed caller policy) are never named. */
  readonly byId: ReadonlyMap<string, string>;
  /** The identity policies' labels, for "no statement of … allows it"; absent when the caller's identity policies are not what is checked (trust checks). */
  readonly identity?: readonly string[];
  readonly boundary?: string;
  /** The resource policy's label (`trust policy`, `default EC2 trust policy`). */
  readonly resource?: string;
}

/** The reasons as one line. Statements are named by Sid when they have one, else by 0-based index. */
export function describeReasons(reasons: readonly DecidingReason[], labels: PolicyLabels): string {
  const parts = reasons.flatMap((reason) => {
    const text = reason.statement ? statementText(reason, labels) : implicitText(reason, labels);
    return text === undefined ? [] : [text];
  });
  return parts.length ? [...new Set(parts)].join(', ') : 'no statement allows it';
}

function statementText(reason: DecidingReason, labels: PolicyLabels): string | undefined {
  const label = reason.kind === 'resource' ? labels.resource : reason.policyId === undefined ? undefined : labels.byId.get(reason.policyId);
  if (label === undefined) return undefined;
  return reason.sid ? `${label} Sid ${reason.sid}` : `${label} statement ${reason.statementIndex ?? 0}`;
}

function implicitText(reason: DecidingReason, labels: PolicyLabels): string | undefined {
  switch (reason.kind) {
    case 'identity':
      if (!labels.identity) return undefined;
      return labels.identity.length ? `no statement of ${orList(labels.identity)} allows it` : 'the role has no policy that allows it';
    case 'boundary':
      return `not allowed by ${labels.boundary ?? 'the permissions boundary'}`;
    case 'resource':
      return `no statement of the ${labels.resource ?? 'resource policy'} allows it`;
    case 'other':
      return 'denied by an organization or endpoint policy';
  }
}

function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
