import type { Finding } from '../../src/checks/finding';
import { countText, formatProblemGroups } from '../../src/cli/report-problems';

const finding = (level: Finding['level'], index: number, suppressedBecause?: string, severity: Finding['severity'] = 'low'): Finding => ({
  path: ['fleets', 0, 'items', index, 'instance', 'monitoring'],
  message: 'detailed monitoring is off',
  rule: 'EC2_DETAILED_MONITORING',
  level,
  severity,
  suppressedBecause,
  line: 10 + index,
  column: 9,
});

describe('formatProblemGroups', () => {
  it('lists errors and warnings under their headings; low and suppressed findings are one line each', () => {
    const lines = formatProblemGroups('spec.yaml', [
      { path: ['region'], message: '"Mars" is not an AWS region' },
      finding('warning', 0),
      finding('warning', 1, 'Metrics every 5 minutes are enough here'),
    ]);
    expect(lines).toEqual([
      'errors:',
      '  spec.yaml: region: "Mars" is not an AWS region',
      'warnings:',
      '  1 low finding (EC2_DETAILED_MONITORING ×1): --verbose lists them; set the field, or suppress the rule with a reason (suppressions)',
      'suppressed: 1 finding (EC2_DETAILED_MONITORING ×1), each with its reason; --verbose lists them',
    ]);
  });

  it('with verbose, lists every finding, with its rule and the reason of a suppression', () => {
    const lines = formatProblemGroups('spec.yaml', [finding('warning', 0), finding('warning', 1, 'enough here')], { verbose: true });
    expect(lines).toEqual([
      'warnings:',
      '  spec.yaml:10:9: fleets[0].items[0].instance.monitoring: detailed monitoring is off [EC2_DETAILED_MONITORING, low]',
      'suppressed:',
      '  spec.yaml:11:9: fleets[0].items[1].instance.monitoring: detailed monitoring is off [EC2_DETAILED_MONITORING, low] (suppressed: enough here)',
    ]);
  });

  it('reports a finding repeated on every item of a fleet once, with the count', () => {
    const warnings = Array.from({ length: 25 }, (_, i) => finding('warning', i, undefined, 'medium'));
    expect(formatProblemGroups('spec.yaml', warnings)).toEqual([
      'warnings:',
      '  spec.yaml:10:9: fleets[0].items[*].instance.monitoring: detailed monitoring is off [EC2_DETAILED_MONITORING, medium] (×25 items)',
    ]);
    expect(countText([{ path: [], message: 'x' }, ...warnings])).toBe('1 error, 25 warnings');
  });
});
