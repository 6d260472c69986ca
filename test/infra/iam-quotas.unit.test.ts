// IAM's quotas, at the scale the directory allows: every council of England and Wales onboarded.
// A deployment past one of them fails in CloudFormation, long after the change that caused it:
// PoliciesPerRole (10 managed policies attached to a role, by default) and a managed policy's
// 6,144 characters (whitespace excluded, ARNs as deployed, not as the template's references).
import organisations from '../../data/directory/organisations.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { destinationsByStack, onboardedDestinations } from '../../infra/destinations.js';
import { functionCatalogue } from '../../infra/function-catalogue.js';
import { asList, resourcesOf, synthesisedForFile } from './synthesised-app.js';

const everyOrganisationOnboarded = onboardedDestinations({
  ...organisations,
  organisations: organisations.organisations.map((organisation) => ({ ...organisation, onboarded: true })),
});
const synthesised = synthesisedForFile({ destinations: everyOrganisationOnboarded, nag: false });

const ACCOUNT = '123456789012';
const REGION = 'eu-west-2';
const MAX_POLICIES_PER_ROLE = 10;
const MAX_MANAGED_POLICY_CHARACTERS = 6144;

/** A template value as IAM would hold it once deployed: references to queues and keys become ARNs of their full length. */
function deployedLength(value: unknown): number {
  const resolved = JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item);
      if (keys.length === 1 && (keys[0] === 'Fn::GetAtt' || keys[0] === 'Ref' || keys[0] === 'Fn::ImportValue'))
        return `arn:aws:sqs:${REGION}:${ACCOUNT}:prevent-local-authority-prevent-team-e06000000000-dlq.fifo`;
      if (keys.length === 1 && keys[0] === 'Fn::Join') {
        const [separator, parts] = (item as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
        return parts.map((part) => (typeof part === 'string' ? part : `${ACCOUNT}${REGION}`)).join(separator);
      }
    }
    return item;
  });
  return resolved.replace(/\s/g, '').length;
}

describe("IAM's quotas with every organisation in the directory onboarded", () => {
  it('spreads the destinations over every destination stack there can be', () => {
    expect(everyOrganisationOnboarded.length).toBe(organisations.organisations.length);
    expect([...destinationsByStack(everyOrganisationOnboarded).keys()]).toHaveLength(10);
  });

  it('attaches at most 10 managed policies to every role', () => {
    const app = synthesised();
    const policies = [...app.templates.values()].flatMap((template) =>
      Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy')),
    );
    const roles = Object.entries(resourcesOf(app.template('Service'), 'AWS::IAM::Role'));
    expect(roles.length).toBeGreaterThanOrEqual(functionCatalogue.length);
    for (const [logicalId, role] of roles) {
      const roleName = role.Properties?.RoleName;
      const attached = policies.filter((policy) =>
        asList(policy.Properties?.Roles as unknown[]).some(
          (attachedRole) =>
            attachedRole === roleName || JSON.stringify(attachedRole) === JSON.stringify({ Ref: logicalId }),
        ),
      );
      expect(attached.length, String(roleName ?? logicalId)).toBeLessThanOrEqual(MAX_POLICIES_PER_ROLE);
    }
  });

  it('keeps every managed policy under 6,144 characters as deployed', () => {
    const app = synthesised();
    for (const [stackId, template] of app.templates)
      for (const [logicalId, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::ManagedPolicy')))
        expect(deployedLength(policy.Properties?.PolicyDocument), `${stackId} ${logicalId}`).toBeLessThan(
          MAX_MANAGED_POLICY_CHARACTERS,
        );
  });
});
