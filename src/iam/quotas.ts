/**
 * IAM's quotas that the constructs (validating their props) and the checks (reading a stack)
 * both apply.
 */

/** Managed policies per role with the default quota. */
export const ATTACHED_POLICIES_DEFAULT_QUOTA = 10;

/** Managed policies per role with the quota raised as far as it goes. */
export const ATTACHED_POLICIES_MAX = 20;
