/** Where a fleet deploys: no account named, one account, or one environment per account. */
export type FleetAccounts = 'none' | 'one' | number;

/** A spec of `count` profiles like the walkthrough's, one per team bucket, split 500 per stack (per environment with several accounts). */
export function fleetSpec(count: number, accounts: FleetAccounts = 'none'): Record<string, unknown> {
  const accountId = (i: number) => String(100000000000 + i);
  return {
    stack: 'fleet',
    ...(accounts === 'one' ? { accountId: accountId(0) } : {}),
    ...(typeof accounts === 'number'
      ? { environments: Object.fromEntries(Array.from({ length: accounts }, (_, i) => [`a${i}`, { accountId: accountId(i) }])) }
      : {}),
    sharding: { profilesPerStack: 500 },
    fleets: [
      {
        template: {
          policies: [
            {
              name: '{{team}}-write',
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['s3:PutObject', 's3:ListBucket'],
                    Resource: ['arn:aws:s3:::{{bucket}}/*', 'arn:aws:s3:::{{bucket}}'],
                  },
                ],
              },
            },
          ],
          role: { name: '{{team}}-writer' },
          instanceProfile: { name: '{{team}}-writer-profile' },
          instance: { ami: 'ami-0123456789abcdef0' },
          expectations: [{ allow: 'put s3://{{bucket}}/probe' }, { deny: 'put s3://other-{{bucket}}/probe' }],
        },
        items: Array.from({ length: count }, (_, i) => ({ team: `team${i}`, bucket: `team${i}-bucket` })),
      },
    ],
  };
}
