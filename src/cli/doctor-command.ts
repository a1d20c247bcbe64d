import { diagnose, formatDoctorReport } from '../doctor/doctor';
import { readInventory } from '../doctor/inventory';
import { loadSpec } from '../spec/load-spec';

/** `doctor`: prints what the spec expects and, with an inventory, what to adopt or clean up. False when something needs cleaning up. */
export function runDoctor(specFile: string | undefined, inventoryFile: string | undefined): boolean {
  const loaded = loadSpec(specFile);
  const report = diagnose(loaded, inventoryFile === undefined ? undefined : readInventory(inventoryFile));
  console.log(`spec: ${loaded.source}${inventoryFile ? `; account inventory: ${inventoryFile}` : ''}`);
  for (const line of formatDoctorReport(report)) console.log(line);
  if (!inventoryFile) {
    console.log('to find orphaned profiles: aws iam list-instance-profiles --output json > profiles.json, then run doctor with --inventory profiles.json');
  }
  return report.problems === 0;
}
