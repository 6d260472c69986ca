// The people who sign in: a Cognito user pool with one group per role (the roles of the event
// envelope, so the two cannot drift apart), MFA required, the organisation as a custom attribute
// that only an administrator can set, and threat protection enforced; its hosted sign-in pages on
// a Cognito domain, and the one app client the web pages sign in with and the API accepts tokens
// of: authorisation code flow only, no client secret (a public client: the web function's code
// exchange sends the PKCE verifier and no secret, web/sign-in/cognito-sign-in.ts).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { Role } from '../../events/envelope.js';
import { claimNames } from '../../functions/identity/identity.js';
import { type DeploymentSettings } from '../deployment-settings.js';

/** The roles people can hold: every role of the envelope except the service's own `system`. */
export const SIGN_IN_ROLES = Role.options.filter((role) => role !== 'system');

/** `custom:organisation` -> `organisation`: the attribute's name inside Cognito. */
export const ORGANISATION_ATTRIBUTE = claimNames.organisation.replace(/^custom:/, '');

/** Where the hosted UI sends people back after signing in and out (web/sign-in/sign-in-pages.ts). */
export const SIGN_IN_CALLBACK_PATH = '/sign-in/callback';
export const SIGNED_OUT_PATH = '/signed-out';
/** The scopes the web pages ask for (web/sign-in/cognito-sign-in.ts). */
export const SIGN_IN_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

export interface UserDirectoryProps {
  settings: DeploymentSettings;
  /** The service's public address (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl: string;
}

export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The hosted UI: https://<prefix>.auth.<region>.amazoncognito.com (COGNITO_DOMAIN). */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const { settings } = props;
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${settings.servicePrefix}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: { [ORGANISATION_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 120, mutable: true }) },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: settings.isProduction,
      removalPolicy: settings.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.domain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: settings.signInDomainPrefix },
    });

    for (const role of SIGN_IN_ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `People who act as ${role}`,
      });
    }

    // People may read their organisation but never change it: only an administrator
    // (AdminUpdateUserAttributes) sets it, so nobody can move themselves into another organisation's cases.
    const standard = { email: true, emailVerified: true, fullname: true };
    this.client = this.userPool.addClient('Client', {
      userPoolClientName: `${settings.servicePrefix}-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: SIGN_IN_SCOPES,
        callbackUrls: [`${props.publicBaseUrl}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${props.publicBaseUrl}${SIGNED_OUT_PATH}`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes(standard)
        .withCustomAttributes(ORGANISATION_ATTRIBUTE),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
