import { EC2_SERVICE } from '../secure-defaults';

/** The EC2 service principal under a DNS suffix: `ec2.amazonaws.com.cn` under `amazonaws.com.cn`. */
export function ec2PrincipalUnder(dnsSuffix: string): string {
  return `${EC2_SERVICE}.${dnsSuffix}`;
}
