/** The current IAM policy language version (`2008-10-17` is the legacy one, without policy variables). */
export const IAM_POLICY_VERSION = '2012-10-17';
