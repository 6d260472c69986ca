// Builds the directory of destination organisations from the routing table and the directory's
// settings (which councils are onboarded, which mailboxes administrators have set).
import * as z from 'zod';
import {
  type Directory,
  type Organisation,
  NATIONAL_TRIAGE_ID,
  PLACEHOLDER_MAILBOX_DOMAIN,
  policeHubId,
  preventTeamId,
  queueNameFor,
  regionalHubId,
  SharingPolicy,
  vulnerabilitySupportHubId,
} from '../../domain/routing/directory.js';
import { type RoutingTable } from '../../domain/routing/geography.js';

export const onboardedCouncilsSchema = z.object({
  description: z.string().optional(),
  /** Districts whose council receives referrals through this service; `name` is for the reader. */
  onboarded: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** When the council receives the whole referral (decision 0016, part 1); after deconfliction unless said. */
      sharing: SharingPolicy.optional(),
    }),
  ),
});
export type OnboardedCouncils = z.infer<typeof onboardedCouncilsSchema>;

/** Real notification mailboxes by organisation id, replacing the placeholders. */
export const mailboxesSchema = z.object({
  description: z.string().optional(),
  mailboxes: z.record(z.string(), z.email()),
});
export type Mailboxes = z.infer<typeof mailboxesSchema>;

export interface DirectorySettings {
  onboardedCouncils: OnboardedCouncils;
  mailboxes: Mailboxes;
  generatedBy: string;
}

function placeholderMailbox(localPart: string): string {
  return `${localPart.toLowerCase()}@${PLACEHOLDER_MAILBOX_DOMAIN}`;
}

export function buildDirectory(table: RoutingTable, settings: DirectorySettings): Directory {
  const districtCodes = new Set(table.districts.map((district) => district.code));
  const onboarded = new Set<string>();
  const sharing = new Map<string, SharingPolicy>();
  for (const council of settings.onboardedCouncils.onboarded) {
    if (!districtCodes.has(council.code)) throw new Error(`onboarded councils: ${council.code} (${council.name}) is not a district of the routing table`);
    onboarded.add(council.code);
    if (council.sharing) sharing.set(council.code, council.sharing);
  }
  const organisation = (fields: Omit<Organisation, 'queueName' | 'mailbox'>, localPart: string): Organisation => ({
    ...fields,
    queueName: queueNameFor(fields.id),
    mailbox: settings.mailboxes.mailboxes[fields.id] ?? placeholderMailbox(localPart),
  });
  const organisations: Organisation[] = [
    ...table.policeForces.map((force) =>
      organisation({ id: policeHubId(force.code), kind: 'police-prevent-hub', name: `${force.name} Prevent hub`, covers: [force.code], onboarded: true }, `prevent-hub.${force.code}`),
    ),
    ...table.districts.map((district) =>
      organisation(
        {
          id: preventTeamId(district.code),
          kind: 'local-authority-prevent-team',
          name: `${district.councilName} Prevent team`,
          covers: [district.code],
          onboarded: onboarded.has(district.code),
          ...(sharing.has(district.code) ? { sharing: sharing.get(district.code) } : {}),
        },
        `prevent-team.${district.code}`,
      ),
    ),
    ...table.vulnerabilitySupportHubs.map((hub) =>
      organisation(
        {
          id: vulnerabilitySupportHubId(hub.code),
          kind: 'vulnerability-support-hub',
          name: hub.name,
          covers: table.policeForces.filter((force) => force.vulnerabilitySupportHub === hub.code).map((force) => force.code),
          onboarded: true,
        },
        `vulnerability-support-hub.${hub.code}`,
      ),
    ),
    // A regional Prevent hub per CTP region (decision 0018): it oversees the forces of its region
    // and receives no referral on a queue of its own (not onboarded as a destination).
    ...table.ctpRegions.map((region) =>
      organisation(
        {
          id: regionalHubId(region.code),
          kind: 'regional-prevent-hub',
          name: `${region.name} regional Prevent hub`,
          covers: table.policeForces.filter((force) => force.ctpRegion === region.code).map((force) => force.code),
          onboarded: false,
        },
        `regional-prevent-hub.${region.code}`,
      ),
    ),
    organisation(
      { id: NATIONAL_TRIAGE_ID, kind: 'national-triage', name: 'National Prevent triage team', covers: ['scotland', 'northern-ireland', 'crown-dependency', 'unknown'], onboarded: true },
      'national-triage',
    ),
  ];
  const ids = new Set(organisations.map((o) => o.id));
  const stray = Object.keys(settings.mailboxes.mailboxes).filter((id) => !ids.has(id));
  if (stray.length > 0) throw new Error(`mailboxes: no organisation has the id ${stray.join(', ')}`);
  return { generatedBy: settings.generatedBy, organisations };
}
