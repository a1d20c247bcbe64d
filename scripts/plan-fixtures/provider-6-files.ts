/** Where the plan readers' fixture of an AWS provider 6.x plan is, and what it is a plan of (see `provider-6-fixture.ts`). */
import * as path from 'path';
import { packageRoot } from '../../src/package-root';

/** The fixture's folder. */
export const PROVIDER_6_FIXTURE = path.join(packageRoot(), '__tests__', 'fixtures', 'plans', 'provider-6');

/** The spec the fixture's plan is a plan of. */
export const PROVIDER_6_SPEC = path.join(PROVIDER_6_FIXTURE, 'spec.yaml');

/** The fixture: the 6.x form of the plan. */
export const PROVIDER_6_PLAN = path.join(PROVIDER_6_FIXTURE, 'plan.json');

/** The stack of the spec that is planned: prod, in eu-west-1 (not the region a reader assumes when it knows none). */
export const PROVIDER_6_STACK = 's3-write-prod';
