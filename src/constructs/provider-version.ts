/** The AWS provider version the `@cdktf/provider-aws` bindings were generated for. */
export const AWS_PROVIDER_VERSION = '5.100.0';

/** The constraint the generated module declares: the bindings' version or newer within 5.x. */
export const AWS_PROVIDER_CONSTRAINT = `>= ${AWS_PROVIDER_VERSION}, < 6.0.0`;
