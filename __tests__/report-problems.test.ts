import type { Finding } from '../src/checks/finding';
import { countText, formatProblemGroups, MAX_LISTED_NOTICES } from '../src/cli/report-problems';

const finding = (level: Finding['level'], index: number, suppressedBecause?: string): Finding => ({
  path: ['fleets', 0, 'items', index, 'instance', 'monitoring'],
  message: 'detailed monitoring is off',
  rule: 'EC2_DETAILED_MONITORING',
  level,
  severity: 'low',
  suppressedBecause,
});

describe('formatProblemGroups', () => {
  it('lists errors, warnings and suppressed findings under their own headings, with rule and reason', () => {
    const lines = formatProblemGroups('spec.yaml', [
      { path: ['region'], message: '"Mars" is not an AWS region' },
      finding('warning', 0),
      finding('warning', 1, 'Metrics every 5 minutes are enough here'),
    ]);
    expect(lines).toEqual([
      'errors:',
      '  spec.yaml: region: "Mars" is not an AWS region',
      'warnings:',
      '  spec.yaml: fleets[0].items[0].instance.monitoring: detailed monitoring is off [EC2_DETAILED_MONITORING, low]',
      'suppressed:',
      '  spec.yaml: fleets[0].items[1].instance.monitoring: detailed monitoring is off [EC2_DETAILED_MONITORING, low] (suppressed: Metrics every 5 minutes are enough here)',
    ]);
  });

  it('lists every error but caps repeated warnings, saying how many are left out', () => {
    const warnings = Array.from({ length: MAX_LISTED_NOTICES + 5 }, (_, i) => finding('warning', i));
    const lines = formatProblemGroups('spec.yaml', warnings);
    expect(lines).toHaveLength(1 + MAX_LISTED_NOTICES + 1);
    expect(lines[lines.length - 1]).toBe('  … and 5 more (the check command lists them all)');
    expect(countText([{ path: [], message: 'x' }, ...warnings])).toBe(`1 error, ${MAX_LISTED_NOTICES + 5} warnings`);
  });
});
