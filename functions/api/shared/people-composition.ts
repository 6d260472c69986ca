// Each organisation's people: the directory (the Cognito user pool in the cloud; the demo
// identity locally, passed in by local/local-service.ts) and the revocation record the token
// check reads.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { timeoutsFor } from '../../composition/client-timeouts.js';
import { ConfigurationError, type ServiceConfig } from '../../composition/service-config.js';
import { createCognitoPeopleDirectory } from '../../people/cognito-people-directory.js';
import { type PeopleAdministration, createPeopleAdministration } from '../../people/people-administration.js';
import { type PeopleDirectory } from '../../people/people-directory.js';
import { accessGuard } from './access-composition.js';
import { type CompositionContext } from './composition-context.js';
import { revocations } from './revocations-composition.js';

/** The user pool's client, its connections and requests bounded (functions/composition/client-timeouts.ts). */
export function cognitoClient(
  config: Pick<ServiceConfig, 'AWS_REGION' | 'SDK_CONNECTION_TIMEOUT_MS' | 'COGNITO_REQUEST_TIMEOUT_MS'>,
): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: config.AWS_REGION,
    requestHandler: timeoutsFor('cognito', config),
  });
}

/** Made on first use, so that composing the routes (the OpenAPI document) needs no user pool. */
function peopleDirectory(ctx: CompositionContext): PeopleDirectory {
  const directory = (): PeopleDirectory =>
    ctx.once('people-directory', () => {
      if (ctx.options.people) return ctx.options.people;
      const userPoolId = ctx.config.COGNITO_USER_POOL_ID;
      if (!userPoolId) throw new ConfigurationError('managing people needs COGNITO_USER_POOL_ID');
      return createCognitoPeopleDirectory({
        client: cognitoClient(ctx.config),
        userPoolId,
      });
    });
  return {
    list: (...args) => directory().list(...args),
    invite: (...args) => directory().invite(...args),
    setRole: (...args) => directory().setRole(...args),
    remove: (...args) => directory().remove(...args),
  };
}

export function peopleAdministration(ctx: CompositionContext): PeopleAdministration {
  return ctx.once('people-administration', () =>
    createPeopleAdministration({
      directory: peopleDirectory(ctx),
      revocations: revocations(ctx),
      guard: accessGuard(ctx),
      clock: ctx.clock,
    }),
  );
}
