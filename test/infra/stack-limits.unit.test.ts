// CloudFormation takes at most 500 resources per stack: every stack stays well under it, today
// and with every council in England and Wales onboarded.
import { beforeAll, describe, expect, it } from 'vitest';
import organisations from '../../data/directory/organisations.json' with { type: 'json' };
import { onboardedDestinations } from '../../infra/destinations.js';
import { resourcesOf, synthesiseServiceApp, type SynthesisedApp } from './synthesised-app.js';

const CLOUDFORMATION_RESOURCE_LIMIT = 500;
/** Room left for growth in every stack. */
const HEADROOM = 0.8;

function resourceCounts(synthesised: SynthesisedApp): Map<string, number> {
  return new Map([...synthesised.templates].map(([id, template]) => [id, Object.keys(resourcesOf(template)).length]));
}

describe('stack sizes', () => {
  let today: SynthesisedApp;
  let everyone: SynthesisedApp;
  beforeAll(() => {
    today = synthesiseServiceApp({ nag: false });
    const everyCouncil = {
      ...organisations,
      organisations: organisations.organisations.map((organisation) => ({ ...organisation, onboarded: true })),
    };
    everyone = synthesiseServiceApp({ nag: false, destinations: onboardedDestinations(everyCouncil) });
  }, 180_000);

  it("keeps every stack of today's deployment under 80% of the limit", () => {
    const counts = resourceCounts(today);
    expect(counts.size).toBeGreaterThanOrEqual(4);
    for (const [stack, count] of counts) expect(count, stack).toBeLessThan(CLOUDFORMATION_RESOURCE_LIMIT * HEADROOM);
  });

  it('keeps every stack under 80% of the limit with all councils onboarded', () => {
    const counts = resourceCounts(everyone);
    const queues = [...everyone.templates.values()].reduce(
      (sum, template) => sum + Object.keys(resourcesOf(template, 'AWS::SQS::Queue')).length,
      0,
    );
    expect(queues).toBeGreaterThanOrEqual(2 * organisations.organisations.length);
    for (const [stack, count] of counts) expect(count, stack).toBeLessThan(CLOUDFORMATION_RESOURCE_LIMIT * HEADROOM);
  });
});
