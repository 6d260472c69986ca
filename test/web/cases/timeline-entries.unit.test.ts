// The case page's timeline in plain words: every event type of the catalogue has its formatter,
// each reads as a sentence in English and in Welsh (no placeholders left, no codes where a name
// or label is known, never a JSON dump), personal lines appear only when the timeline service
// included them, and read "erased" after erasure.
import { describe, expect, it } from 'vitest';
import { type EventType, type RecordedEvent, eventTypes, validateEvent } from '../../../events/index.js';
import { type TimelineEntry, createCaseTimeline } from '../../../functions/read-models/case-timeline.js';
import { timelineFormatters } from '../../../web/cases/timeline-formatters.js';
import { timelineEntries } from '../../../web/cases/timeline-entries.js';
import { type Locale, translatorFor } from '../../../web/i18n/translator.js';
import { sampleEvents } from '../../events/sample-events.js';

const actors: Record<string, RecordedEvent['actor']> = {
  ReferralSubmitted: { organisation: 'public', user: 'anonymous', role: 'referrer' },
  GatewayAssessmentCompleted: { organisation: 'police:E23000014', user: 'officer-1', role: 'police-prevent-officer' },
  OrganisationDetailsChanged: { organisation: 'platform', user: 'admin-1', role: 'administrator' },
};

/** Every sample event recorded on one referral, in catalogue order (the routing first, so names are known). */
function history(options: { erased?: boolean } = {}): RecordedEvent[] {
  const order: EventType[] = [
    'ReferralSubmitted',
    'ReferralRouted',
    ...eventTypes.filter((type) => type !== 'ReferralSubmitted' && type !== 'ReferralRouted'),
  ];
  return order.map((type, index) => {
    const sample = validateEvent(sampleEvents[type]);
    return {
      eventId: `event-${index}`,
      streamId: 'referral-01JTEST0000',
      version: index + 1,
      type,
      schemaVersion: 1,
      occurredAt: '2026-06-30T23:30:00Z',
      recordedAt: '2026-06-30T23:30:00Z',
      actor: actors[type] ?? { organisation: 'system', user: 'router', role: 'system' },
      correlationId: 'correlation-1',
      causationId: null,
      commandId: `command-${index}`,
      data: sample.data,
      personal: sample.personal === undefined ? undefined : options.erased ? { erased: true } : sample.personal,
    } as RecordedEvent;
  });
}

async function entriesFor(events: RecordedEvent[], includePersonal: boolean): Promise<TimelineEntry[]> {
  return createCaseTimeline({ store: { read: async () => events } }).forViewer('referral-01JTEST0000', includePersonal);
}

function render(events: RecordedEvent[], entries: TimelineEntry[], locale: Locale) {
  return timelineEntries(entries, events, { t: translatorFor(locale), locale });
}

describe('the timeline formatters', () => {
  it('cover every event type of the catalogue, and nothing else', () => {
    expect(Object.keys(timelineFormatters).sort()).toEqual([...eventTypes].sort());
  });

  it.each(['en', 'cy'] as const)('word every event type in %s: no placeholders, codes or dumps', async (locale) => {
    const events = history();
    const views = render(events, await entriesFor(events, true), locale);
    expect(views).toHaveLength(eventTypes.length);
    for (const view of views) {
      const text = [view.title, view.when, ...view.facts, ...view.personal].join('\n');
      expect(view.title.length).toBeGreaterThan(5);
      expect(text).not.toMatch(/[{}[\]]|"|undefined|null|\[object/);
      // Destinations and areas are named; enum codes are labelled.
      expect(text).not.toMatch(
        /police:E23|la:E08|E08000026|referred-to-channel|extreme-right-wing|parent-or-guardian|six-month|left-channel|retention-period/,
      );
    }
  });

  it('say who did what, and when, in UK time', async () => {
    const events = history();
    const views = render(events, await entriesFor(events, true), 'en');
    const byTitle = (start: string) => views.find((view) => view.title.startsWith(start));
    expect(byTitle('Routed to')?.title).toBe(
      'Routed to West Midlands Police Prevent hub and Coventry City Council Prevent team (Coventry, West Midlands Police; routing rules lad22-pfa22)',
    );
    expect(byTitle('Delivered to')?.title).toBe('Delivered to West Midlands Police Prevent hub');
    expect(byTitle('Coventry City Council Prevent team had not confirmed receipt by')?.title).toContain(
      'by 6 January 2025 at 10:00',
    );
    const gateway = byTitle('Gateway assessment completed');
    expect(gateway?.title).toBe(
      'Gateway assessment completed: Referred to the Channel panel; confirmed type of concern: Extreme Right-Wing',
    );
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(gateway?.when).toBe('1 July 2026 at 00:30 by West Midlands Police Prevent hub (police Prevent officer)');
    expect(gateway?.personal).toEqual(['Rationale: Vulnerable to influence; no live investigation.']);
    expect(byTitle('Referral submitted')?.when).toContain('by the referrer');
    expect(byTitle('Channel panel scheduled')?.facts).toEqual(['Local authority: Coventry']);
    expect(byTitle('Channel panel decision')?.facts[0]).toBe(
      'Vulnerability assessment: engagement 5 of 13, intent 2 of 6, capability 1 of 3',
    );
    expect(byTitle('Support package agreed')?.facts).toEqual([
      'Support from: Intervention provider or mentor and Education',
    ]);
    expect(byTitle('Personal data erased')?.title).toBe('Personal data erased: the retention period ended');
    // Newest first.
    expect(views.at(-1)?.title).toBe('Referral submitted by Coventry Academy');
  });

  it('show personal parts only when the timeline service included them', async () => {
    const events = history();
    const withheld = render(events, await entriesFor(events, false), 'en');
    expect(withheld.flatMap((view) => view.personal)).toEqual([]);
    expect(JSON.stringify(withheld)).not.toContain('Vulnerable to influence');
    expect(JSON.stringify(withheld)).not.toContain('CV1 5FB');
  });

  it('say plainly that personal parts were erased', async () => {
    const events = history({ erased: true });
    const views = render(events, await entriesFor(events, true), 'cy');
    const gateway = views.find((view) => view.title.startsWith('Asesiad porth wedi’i gwblhau'));
    expect(gateway?.personal).toEqual(['Manylion personol: wedi’u dileu']);
    expect(JSON.stringify(views)).not.toContain('Vulnerable to influence');
    // Events without a personal part say nothing about erasure.
    expect(views.find((view) => view.title.startsWith('Wedi’i ddanfon'))?.personal).toEqual([]);
  });

  it('never dump a step it cannot read', () => {
    const [submitted] = history();
    const damaged = {
      ...(submitted as RecordedEvent),
      type: 'ReferralDelivered',
      data: { destinationId: '<b>x</b>', nonsense: true },
    } as unknown as TimelineEntry;
    const unknown = {
      ...(submitted as RecordedEvent),
      type: 'SomethingNew',
      data: { secret: 'value' },
    } as unknown as TimelineEntry;
    const views = timelineEntries([damaged, unknown], [], { t: translatorFor('en'), locale: 'en' });
    expect(views.map((view) => view.title)).toEqual([
      'A step this version of the service does not know',
      'A step that could not be read: tell the service team',
    ]);
    expect(JSON.stringify(views)).not.toMatch(/nonsense|secret|<b>/);
  });
});
