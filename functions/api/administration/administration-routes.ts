// Administration: the directory of destinations (list; onboard a council or change a
// destination's mailbox, recorded as events on the organisation's stream). Administrators only;
// refusals are recorded. (A case's access audit is oversight's: functions/api/oversight/.)
import * as z from 'zod';
import { DestinationId } from '../../../events/index.js';
import { SharingPolicy } from '../../../domain/routing/directory.js';
import { ChannelPanel, DirectoryChangeReason, GatewayAssessor } from '../../../events/organisation.js';
import { type ChangePreview } from '../../organisations/change-preview.js';
import { auditSubject } from '../../audit/access-audit.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { type DirectoryOverlay } from '../../organisations/directory-overlay.js';
import { type OrganisationAdministration } from '../../organisations/organisation-administration.js';
import { type AccessGuard, requireAccess } from '../shared/access-guard.js';
import { problemResponse } from '../shared/api-schemas.js';
import { idempotencyKeyFrom, idempotencyKeyHeader, keyReusedProblem, scopedKey } from '../shared/idempotency-key.js';

const requestedChange = {
  mailbox: z
    .email()
    .max(254)
    .optional()
    .meta({ description: 'Where notifications go (a reference and a link, never personal data)' }),
  onboarded: z.boolean().optional().meta({
    description: 'Whether the organisation receives referrals through this service (councils only may be taken off)',
  }),
  sharing: SharingPolicy.optional().meta({
    description:
      'When it receives the whole referral: on submission, or after police deconfliction (told only that a referral exists until then). Police hubs and national triage are always on submission',
  }),
  assessedBy: GatewayAssessor.optional().meta({
    description:
      "Regional Prevent hubs only: who makes the gateway assessment of the region's referrals, each police force (the default) or the regional hub (then a destination of the region's referrals beside the force)",
  }),
  channelPanel: ChannelPanel.meta({ id: 'ChannelPanel' }).optional().meta({
    description:
      "Councils only: the council's Channel panel, its own or joint with the councils named (la:<code>), its chair's role (never a name) and its functional mailbox",
  }),
};

const saysWhatToChange = [
  (change: { mailbox?: string; onboarded?: boolean; sharing?: string; assessedBy?: string; channelPanel?: unknown }) =>
    change.mailbox !== undefined ||
    change.onboarded !== undefined ||
    change.sharing !== undefined ||
    change.assessedBy !== undefined ||
    change.channelPanel !== undefined,
  { message: 'say what to change: mailbox, onboarded, sharing, assessedBy, channelPanel or more than one' },
] as const;

export const OrganisationChange = z
  .strictObject({
    ...requestedChange,
    reason: DirectoryChangeReason.meta({
      description:
        "Why the change is made, recorded with it and shown in the organisation's history (1 to 500 characters; never name a person)",
    }),
  })
  .refine(...saysWhatToChange)
  .meta({ id: 'OrganisationChange' });

/** A change to preview: what it would do, before it is made (no reason needed yet). */
export const OrganisationChangeToPreview = z
  .strictObject(requestedChange)
  .refine(...saysWhatToChange)
  .meta({ id: 'OrganisationChangeToPreview' });

const ChangeEffectAnswer = z
  .object({
    kind: z.enum([
      'nothing-changes',
      'districts-join',
      'queue-awaits-deployment',
      'districts-leave',
      'open-cases-stay',
      'open-cases-kept-until-closed',
      'mailbox-moves',
      'sharing-changes',
      'assessment-changes',
      'panel-changes',
    ]),
  })
  .catchall(z.unknown())
  .meta({
    id: 'ChangeEffect',
    description:
      "One thing the change would do: districts whose new referrals join or leave the council (and which queue), a queue that comes with the next deployment, open cases that stay where they are, a mailbox or sharing policy that changes for what happens from now on, who assesses a region's referrals from now on, a council's Channel panel",
  });

const HistoryEntryAnswer = z
  .object({
    version: z.number().int(),
    at: z.string(),
    actor: z.object({ organisation: z.string(), user: z.string(), role: z.string() }),
    changes: z.array(
      z.object({
        field: z.enum(['mailbox', 'onboarded', 'sharing', 'assessedBy', 'channelPanel']),
        from: z.unknown(),
        to: z.unknown(),
      }),
    ),
    reason: z.string().nullable(),
  })
  .meta({ id: 'DirectoryHistoryEntry' });

const ListedOrganisation = z
  .object({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    covers: z.array(z.string()),
    queueName: z.string(),
    mailbox: z.string(),
    onboarded: z.boolean(),
    sharing: SharingPolicy,
    assessedBy: GatewayAssessor,
    channelPanel: ChannelPanel.nullable(),
    receivesReferrals: z.boolean(),
    version: z.number().int(),
    changedAt: z.string().nullable(),
  })
  .meta({ id: 'Organisation' });

const ChangedOrganisation = z
  .object({
    organisation: z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      queueName: z.string(),
      mailbox: z.string(),
      onboarded: z.boolean(),
      sharing: SharingPolicy,
      assessedBy: GatewayAssessor,
      channelPanel: ChannelPanel.nullable(),
      version: z.number().int(),
      changed: z.array(z.string()),
    }),
    notes: z.array(z.string()),
  })
  .meta({ id: 'OrganisationChanged' });

/** Why a council onboarded here does not receive referrals at once in the cloud. */
export const QUEUE_BY_DEPLOYMENT =
  "In the cloud, a newly onboarded council's queue is created by the next deployment from the directory (add the council to data/directory/onboarded-councils.json, run npm run import:geography, deploy). Until its queue exists, its district's referrals keep going to its police force.";

export interface AdministrationDeps {
  organisations: OrganisationAdministration;
  preview: ChangePreview;
  directory: DirectoryOverlay;
  guard: AccessGuard;
  clock: () => Date;
  newId: () => string;
}

export function createAdministrationRoutes(deps: AdministrationDeps): RouteDefinition[] {
  /** Only a platform administrator manages the directory; a refusal is recorded, an allowed look is not a case read. */
  const requireAdministrator = (viewer: AuthenticatedViewer, organisation: string, correlationId: string) =>
    requireAccess(deps.guard, {
      viewer,
      action: 'manage-organisations',
      subject: auditSubject('organisation', organisation),
      correlationId,
      recordAllowed: false,
    });

  return [
    defineRoute({
      method: 'GET',
      path: '/organisations',
      operationId: 'listOrganisations',
      summary: 'The directory of destinations (administrators)',
      tags: ['administration'],
      access: 'signed-in',
      responses: {
        200: {
          description: 'Every organisation, with the changes administrators made',
          schema: z.object({ organisations: z.array(ListedOrganisation) }),
        },
        403: problemResponse('Administrators only'),
      },
      async handle({ viewer, correlationId }) {
        await requireAdministrator(viewer!, 'directory', correlationId);
        await deps.directory.refresh({ force: true });
        return { status: 200, body: { organisations: await deps.directory.list() } };
      },
    }),
    defineRoute({
      method: 'PUT',
      path: '/organisations/{organisationId}',
      operationId: 'changeOrganisation',
      summary:
        "Onboard a council, or change a destination's mailbox or sharing policy, a region's gateway assessor or a council's Channel panel (administrators)",
      tags: ['administration'],
      access: 'signed-in',
      params: z.strictObject({ organisationId: DestinationId }),
      body: OrganisationChange,
      requestHeaders: [idempotencyKeyHeader],
      responses: {
        200: {
          description: 'The organisation after the change (nothing recorded when nothing changed)',
          schema: ChangedOrganisation,
        },
        403: problemResponse('Administrators only'),
        404: problemResponse('No such organisation in the directory'),
        422: problemResponse(
          "The change is not allowed (police hubs, hubs and national triage are always onboarded; police hubs and national triage always receive referrals on submission; only a regional hub's region has a gateway assessor, only a council a Channel panel), or the Idempotency-Key was already used for another request",
        ),
      },
      async handle({ params, body, headers, viewer, correlationId }) {
        const administrator = viewer!;
        await requireAdministrator(administrator, params.organisationId, correlationId);
        const key = idempotencyKeyFrom(headers);
        const result = await deps.organisations.change({
          organisationId: params.organisationId,
          requested: {
            ...(body.mailbox !== undefined ? { mailbox: body.mailbox } : {}),
            ...(body.onboarded !== undefined ? { onboarded: body.onboarded } : {}),
            ...(body.sharing !== undefined ? { sharing: body.sharing } : {}),
            ...(body.assessedBy !== undefined ? { assessedBy: body.assessedBy } : {}),
            ...(body.channelPanel !== undefined ? { channelPanel: body.channelPanel } : {}),
          },
          reason: body.reason,
          actor: { organisation: administrator.organisation, user: administrator.user, role: administrator.role },
          commandId: `http:${key ? scopedKey(`${administrator.organisation}\n${administrator.user}`, key) : deps.newId()}`,
          correlationId,
          at: deps.clock().toISOString(),
        });
        if (!result.ok) {
          if (result.error === 'unknown-organisation') throw unknownOrganisation();
          if (result.error === 'command-id-reused') throw keyReusedProblem();
          throw problems.unprocessable(result.error.message, undefined, result.error.code);
        }
        const { organisation } = result;
        const notes =
          organisation.changed.includes('onboarded') &&
          organisation.onboarded &&
          organisation.kind === 'local-authority-prevent-team'
            ? [QUEUE_BY_DEPLOYMENT]
            : [];
        return { status: 200, body: { organisation, notes } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/organisations/{organisationId}/change-preview',
      operationId: 'previewOrganisationChange',
      summary: 'What a change to an organisation would do, before it is made (administrators; records nothing)',
      tags: ['administration'],
      access: 'signed-in',
      params: z.strictObject({ organisationId: DestinationId }),
      body: OrganisationChangeToPreview,
      responses: {
        200: {
          description: 'What the change would do, in order',
          schema: z.object({ effects: z.array(ChangeEffectAnswer) }),
        },
        403: problemResponse('Administrators only'),
        404: problemResponse('No such organisation in the directory'),
      },
      async handle({ params, body, viewer, correlationId }) {
        await requireAdministrator(viewer!, params.organisationId, correlationId);
        await deps.directory.refresh({ force: true });
        const effects = await deps.preview.preview(params.organisationId, body);
        if (!effects) throw unknownOrganisation();
        return { status: 200, body: { effects } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/organisations/{organisationId}/history',
      operationId: 'getOrganisationHistory',
      summary: "An organisation's changes in the directory, newest first: who, when, what and why (administrators)",
      tags: ['administration'],
      access: 'signed-in',
      params: z.strictObject({ organisationId: DestinationId }),
      responses: {
        200: {
          description: 'Every recorded change (empty when the directory file still stands)',
          schema: z.object({ history: z.array(HistoryEntryAnswer) }),
        },
        403: problemResponse('Administrators only'),
        404: problemResponse('No such organisation in the directory'),
      },
      async handle({ params, viewer, correlationId }) {
        await requireAdministrator(viewer!, params.organisationId, correlationId);
        const history = await deps.organisations.history(params.organisationId);
        if (!history) throw unknownOrganisation();
        return { status: 200, body: { history } };
      },
    }),
  ];
}

function unknownOrganisation() {
  return problems.notFound(
    'The directory has no such organisation. A council joins through its district, which the directory already lists.',
  );
}
