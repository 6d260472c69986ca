// The AWS credentials of a function in Lambda: always the environment's (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, set by the Lambda runtime from the function's role).
// The Lambda builds put this module in place of `@aws-sdk/credential-provider-node`, whose
// `defaultProvider` every SDK client's runtime configuration imports (infra/bundling.ts,
// LAMBDA_MODULE_SUBSTITUTES): the SDK's default chain would otherwise carry into every bundle the
// SSO, STS and sign-in clients (@aws-sdk/nested-clients) and the ini, process, web-identity,
// container and instance-metadata providers, none of which can ever answer in Lambda. The local
// service, the tools and the tests run unbundled and keep the SDK's whole chain.
// Decision: docs/decisions/0009-http-api.md ("The SDK's default credential chain").
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The `init` the SDK passes its credential provider (a client's configuration; only the logger is read). */
type ProviderInit = Parameters<typeof fromEnv>[0];

/** The SDK's `defaultProvider` reduced to its first link: the environment's credentials, or an error naming what is missing. */
export const defaultProvider = (init: ProviderInit = {}) => fromEnv(init);
