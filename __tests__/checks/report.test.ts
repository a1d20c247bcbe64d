import type { Finding } from '../../src/checks/finding';
import { countFindings, formatFindingsTable, summaryLine } from '../../src/checks/report';

const FINDINGS: Finding[] = [
  {
    rule: 'IAM_UNKNOWN_ACTION',
    level: 'error',
    path: ['profiles', 0, 'policies', 0, 'document', 'Statement', 0, 'Action'],
    message: 'unknown action "s3:PutObjet"',
    line: 12,
  },
  {
    rule: 'EC2_NO_PUBLIC_IP',
    level: 'error',
    severity: 'medium',
    path: ['profiles', 0, 'instance', 'associatePublicIpAddress'],
    message: 'public IP',
    suppressedBecause: 'bastion host',
  },
  { rule: 'EC2_DETAILED_MONITORING', level: 'warning', severity: 'low', path: ['profiles', 0, 'instance', 'monitoring'], message: 'monitoring is off' },
];

describe('findings report', () => {
  it('renders an aligned table with level, rule, severity, field and message, and a summary line', () => {
    expect(formatFindingsTable(FINDINGS)).toBe(
      [
        'level               rule                     severity  field                                                           message',
        'error               IAM_UNKNOWN_ACTION       -         profiles[0].policies[0].document.Statement[0].Action (line 12)  unknown action "s3:PutObjet"',
        'error (suppressed)  EC2_NO_PUBLIC_IP         medium    profiles[0].instance.associatePublicIpAddress                   public IP [suppressed: bastion host]',
        'warning             EC2_DETAILED_MONITORING  low       profiles[0].instance.monitoring                                 monitoring is off',
        '1 error, 1 warning, 1 suppressed',
        '',
      ].join('\n'),
    );
  });

  it('wraps the message column to a width', () => {
    const [, row, continuation] = formatFindingsTable([{ ...FINDINGS[2], message: 'word '.repeat(20).trim() }], { width: 120 }).split('\n');
    expect(row.length).toBeLessThanOrEqual(120);
    expect(continuation).toMatch(/^ {30,}word/);
  });

  it('says so when there is nothing to report', () => {
    expect(formatFindingsTable([])).toBe('no findings\n0 errors, 0 warnings, 0 suppressed\n');
  });

  it('counts errors and warnings that are not suppressed, and suppressed findings', () => {
    expect(countFindings(FINDINGS)).toEqual({ errors: 1, warnings: 1, suppressed: 1 });
    expect(summaryLine([...FINDINGS, FINDINGS[0]])).toBe('2 errors, 1 warning, 1 suppressed');
  });
});
