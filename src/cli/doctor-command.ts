import { diagnose, formatDoctorReport } from '../doctor/doctor';
import { readInventory } from '../account-export/instance-profile-list';
import { loadSpec } from '../spec/load-spec';
import { selectedPlans, type StackSelection } from './stack-selection';

/**
 * `doctor`: prints what the selected stacks (by default every stack of the spec) expect, by
 * environment and, with an inventory, what to adopt or clean up. False when something needs
 * cleaning up.
 */
export function runDoctor(specFile: string | undefined, inventoryFile: string | undefined, selection: StackSelection = {}): boolean {
  const loaded = loadSpec(specFile);
  const plans = selectedPlans(loaded, selection);
  const report = diagnose(loaded, inventoryFile === undefined ? undefined : readInventory(inventoryFile), plans);
  console.log(`spec: ${loaded.source}${inventoryFile ? `; account inventory: ${inventoryFile}` : ''}`);
  for (const line of formatDoctorReport(report)) console.log(line);
  if (!inventoryFile) {
    console.log('to find orphaned profiles: aws iam list-instance-profiles --output json > profiles.json, then run doctor with --inventory profiles.json');
  }
  return report.problems === 0;
}
