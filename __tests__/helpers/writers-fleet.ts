/**
 * A fleet like the walkthrough's, one bucket per team: a policy, a role, an attachment, a managed
 * policy, a profile and an instance per item, as a spec value (`fleet` adds to or replaces fields
 * of the fleet, such as `moveExpandedState`).
 */
export function writersFleetSpec(count: number, fleet: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    stack: 'fleet',
    accountId: '123456789012',
    fleets: [
      {
        name: 'writers',
        template: {
          policies: [
            {
              name: '{{team}}-write',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::{{bucket}}/*', 'arn:aws:s3:::{{bucket}}'] }],
              },
            },
          ],
          role: { name: '{{team}}-writer', managedPolicies: ['AmazonSSMManagedInstanceCore'], tags: { Team: '{{team}}' } },
          instanceProfile: { name: '{{team}}-writer-profile' },
          instance: { ami: 'ami-0123456789abcdef0' },
          expectations: [{ allow: 'put s3://{{bucket}}/probe' }, { deny: 'put s3://other-{{bucket}}/probe' }],
        },
        items: Array.from({ length: count }, (_, i) => ({ team: `team${i}`, bucket: `team${i}-bucket` })),
        ...fleet,
      },
    ],
  };
}
