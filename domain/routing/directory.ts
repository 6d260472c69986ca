// The directory of destination organisations (data/directory/organisations.json): who a referral
// can be routed to, with the queue it is delivered on and the mailbox that is told about it.
import * as z from 'zod';
import { GatewayAssessor } from '../../events/organisation.js';

export const DESTINATION_KINDS = [
  'police-prevent-hub',
  'local-authority-prevent-team',
  'vulnerability-support-hub',
  'national-triage',
  'regional-prevent-hub',
] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const NATIONAL_TRIAGE_ID = 'national-triage';

export function policeHubId(policeForceCode: string): string {
  return `police:${policeForceCode}`;
}
/** A Counter Terrorism Policing region's regional Prevent hub: "ctp:CTP-WM" (decision 0018). */
export function regionalHubId(ctpRegionCode: string): string {
  return `ctp:${ctpRegionCode}`;
}
/** The CTP region a regional hub oversees, from its id; null for any other organisation. */
export function regionOfRegionalHub(organisationId: string): string | null {
  return organisationId.startsWith('ctp:') ? organisationId.slice('ctp:'.length) || null : null;
}
export function preventTeamId(localAuthorityCode: string): string {
  return `la:${localAuthorityCode}`;
}
export function vulnerabilitySupportHubId(hubCode: string): string {
  return `vsh:${hubCode}`;
}

/** SQS FIFO queue names: letters, digits, hyphens and underscores, at most 80 characters with ".fifo". */
export const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/** The organisation's queue, derived from its id alone: "police:E23000014" -> "prevent-police-e23000014.fifo". */
export function queueNameFor(organisationId: string): string {
  const slug = organisationId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `prevent-${slug}.fifo`;
}

/** Placeholder mailboxes use the reserved .invalid top-level domain so nothing is ever sent to them. */
export const PLACEHOLDER_MAILBOX_DOMAIN = 'mailbox.invalid';

/**
 * When a destination receives the whole referral (decision 0016, part 1): at once, or only once the
 * police gateway assessment has recorded deconfliction and an outcome that involves it (until then
 * it is told that a referral exists: reference, urgency, type of concern, no personal data).
 */
export const SHARING_POLICIES = ['on-submission', 'after-deconfliction'] as const;
export const SharingPolicy = z.enum(SHARING_POLICIES);
export type SharingPolicy = z.infer<typeof SharingPolicy>;

/** Police hubs deconflict and national triage passes referrals on: both always receive them whole (and a regional hub, which oversees the police). */
export function sharingPolicyAlwaysOnSubmission(kind: DestinationKind): boolean {
  return kind === 'police-prevent-hub' || kind === 'national-triage' || kind === 'regional-prevent-hub';
}

/** The policy of an organisation that states none: after deconfliction, except where it is always on submission. */
export function defaultSharingPolicy(kind: DestinationKind): SharingPolicy {
  return sharingPolicyAlwaysOnSubmission(kind) ? 'on-submission' : 'after-deconfliction';
}

/** The policy in force from the directory's file: its own, or its kind's default. */
export function sharingPolicyOf(organisation: Pick<Organisation, 'kind' | 'sharing'>): SharingPolicy {
  if (sharingPolicyAlwaysOnSubmission(organisation.kind)) return 'on-submission';
  return organisation.sharing ?? defaultSharingPolicy(organisation.kind);
}

/**
 * Whether the organisation has a deployed queue: every onboarded destination, and every regional
 * Prevent hub (it receives its region's referrals when its region is assessed by the regional
 * hub, so its queue is there before an administrator changes the setting).
 */
export function hasDestinationQueue(organisation: Pick<Organisation, 'kind' | 'onboarded'>): boolean {
  return organisation.onboarded || organisation.kind === 'regional-prevent-hub';
}

/** Who assesses a region's referrals, from its regional hub's entry: each force unless stated. */
export function gatewayAssessorOf(organisation: Pick<Organisation, 'assessedBy'>): GatewayAssessor {
  return organisation.assessedBy ?? 'force';
}

export const organisationSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(DESTINATION_KINDS),
  name: z.string().min(1),
  /** Area codes the organisation serves: police force area, district, or the forces a hub serves. */
  covers: z.array(z.string()),
  queueName: z.string().regex(FIFO_QUEUE_NAME, 'not a valid SQS FIFO queue name'),
  mailbox: z.email(),
  onboarded: z.boolean(),
  /** When it receives the whole referral; its kind's default when not stated (see sharingPolicyOf). */
  sharing: SharingPolicy.optional(),
  /** A regional Prevent hub only: who assesses its region's referrals; 'force' when not stated. */
  assessedBy: GatewayAssessor.optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const directorySchema = z
  .object({
    generatedBy: z.string(),
    organisations: z.array(organisationSchema),
  })
  .superRefine((directory, ctx) => {
    const ids = new Set<string>();
    const queues = new Set<string>();
    for (const organisation of directory.organisations) {
      if (ids.has(organisation.id))
        ctx.addIssue({ code: 'custom', message: `duplicate organisation id ${organisation.id}` });
      if (queues.has(organisation.queueName))
        ctx.addIssue({ code: 'custom', message: `duplicate queue name ${organisation.queueName}` });
      ids.add(organisation.id);
      queues.add(organisation.queueName);
    }
  });
export type Directory = z.infer<typeof directorySchema>;
