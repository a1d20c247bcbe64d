/**
 * Checks that no AMI id is launched in two regions. AMI ids are regional: an AMI belongs to the
 * region it was registered in, and a copy in another region gets a new id. One id deployed to
 * stacks of two regions (a profile in environments of different regions, or two profiles) fails
 * in at least one of them with `InvalidAMIID.NotFound` at apply, which nothing before apply
 * notices. A spec-level check: it reads the spec's stack plans (`planStacks`), each with its
 * region and the profiles it deploys. An environment that adopts the instance launches nothing.
 */
import type { FieldPath } from '../../spec/field-path';
import type { ResolvedSpec } from '../../spec/model';
import { planStacks } from '../../spec/plan-stacks';
import { formatFieldPath } from '../../spec/spec-error';
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { checkWarning } from '../make-finding';

/** Where an AMI id is first launched in one region. */
interface AmiUse {
  readonly region: string;
  /** The spec field the region comes from: `region`, `environments.prod.region`. */
  readonly regionField: FieldPath;
  /** The spec field of the AMI id: `profiles[0].instance.ami`. */
  readonly amiField: FieldPath;
}

/**
 * A warning for each AMI id launched in more than one region, at its first use in every region
 * after the first, naming the first region and field: once per region, not per profile, so a
 * fleet of a thousand items gives one warning.
 */
export function checkAmiRegions(spec: ResolvedSpec): Finding[] {
  const uses = new Map<string, AmiUse[]>();
  for (const plan of planStacks(spec)) {
    for (const profile of plan.profiles) {
      const ami = profile.instance?.ami;
      // An adopted instance is not launched: its AMI is only what it was launched from, and is not written.
      if (ami === undefined || profile.instance?.existingId !== undefined) continue;
      const list = uses.get(ami) ?? [];
      if (!list.some((use) => use.region === plan.region)) {
        list.push({ region: plan.region, regionField: plan.regionField, amiField: [...profile.fieldPath, 'instance', 'ami'] });
      }
      uses.set(ami, list);
    }
  }
  return [...uses].flatMap(([ami, [first, ...others]]) =>
    others.map((use) => checkWarning(CHECK_IDS.amiRegion, use.amiField, amiRegionMessage(ami, first, use))),
  );
}

function amiRegionMessage(ami: string, first: AmiUse, here: AmiUse): string {
  const place = (use: AmiUse) => `${use.region} (${formatFieldPath(use.regionField)})`;
  return (
    `"${ami}" is launched in ${place(here)} and, by ${formatFieldPath(first.amiField)}, in ${place(first)}; ` +
    'AMI ids are regional (a copy in another region gets a new id), so one of the launches fails with InvalidAMIID.NotFound; ' +
    "give each region its own AMI id (an environment's variables can set it)"
  );
}
