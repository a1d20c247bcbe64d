/** An IAM policy document as JSON. */
export type PolicyDocument = Record<string, unknown>;

/** A condition value as IAM takes it: a JSON scalar (quotes are optional for numbers and booleans). */
export type ConditionScalar = string | number | boolean;
