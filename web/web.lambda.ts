// Lambda entry of the web pages (ANY / and ANY /{proxy+}): the referral form, the signed-in case
// pages and the statistics, in English and Welsh. Sign-in is Cognito's hosted UI.
import { awsClients, dynamo, kms, sqs } from '../functions/composition/clients.js';
import { readServiceConfig } from '../functions/composition/service-config.js';
import { composeWeb } from './web-composition.js';
import { cloudSignIn } from './cloud-sign-in.js';
import { mapStackTracesOnDemand } from '../functions/observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
export const handler = composeWeb(config, awsClients(config, { dynamo, kms, sqs }), { signIn: cloudSignIn(config) });
