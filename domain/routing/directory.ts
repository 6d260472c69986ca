// The directory of destination organisations (data/directory/organisations.json): who a referral
// can be routed to, with the queue it is delivered on and the mailbox that is told about it.
import * as z from 'zod';

export const DESTINATION_KINDS = [
  'police-prevent-hub',
  'local-authority-prevent-team',
  'vulnerability-support-hub',
  'national-triage',
] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const NATIONAL_TRIAGE_ID = 'national-triage';

export function policeHubId(policeForceCode: string): string {
  return `police:${policeForceCode}`;
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

export const organisationSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(DESTINATION_KINDS),
  name: z.string().min(1),
  /** Area codes the organisation serves: police force area, district, or the forces a hub serves. */
  covers: z.array(z.string()),
  queueName: z.string().regex(FIFO_QUEUE_NAME, 'not a valid SQS FIFO queue name'),
  mailbox: z.email(),
  onboarded: z.boolean(),
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
