/** A spec of `count` profiles like the walkthrough's, one per team bucket, split 500 per stack. */
export function fleetSpec(count: number): Record<string, unknown> {
  return {
    stack: 'fleet',
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
