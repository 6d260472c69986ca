// The event catalogue: every event type of a referral's life at its current schema version.
import { type z } from 'zod';
import { type EventDefinition } from './define-event.js';
import { type ErasedMarker, type EventMetadata, ErasedMarker as ErasedMarkerSchema } from './envelope.js';
import { ReferralSubmitted } from './submission.js';
import { DeliveryOverdue, ReferralDelivered, ReferralRouted } from './routing.js';
import {
  GatewayAssessmentCompleted,
  GatewayAssessmentOverdue,
  GatewayAssessmentStarted,
  HubAssessmentCompleted,
  HubAssessmentRequested,
} from './assessment.js';
import {
  ChannelPanelScheduled,
  ConsentRecorded,
  LeftChannel,
  PanelDecisionRecorded,
  SupportPackageAgreed,
  SupportReviewed,
  ChannelWorkRecordedForCouncil,
} from './channel.js';
import { PostExitReviewCompleted, PostExitReviewDue } from './post-exit.js';
import { PersonalDataErased, ReferralClosed, ReferralTransferred, TransferAccepted } from './lifecycle.js';
import {
  PoliceCaseManagementEnded,
  PoliceCaseManagementReviewDue,
  PoliceCaseManagementReviewScheduled,
  PoliceCaseManagementReviewed,
  PoliceCaseManagementStarted,
} from './case-management.js';
import {
  ChannelPanelChanged,
  OrganisationDetailsChanged,
  OrganisationSharingPolicyChanged,
  RegionalAssessmentChanged,
} from './organisation.js';
import {
  GatewayAssessmentDeadlineSet,
  ReferralEscalated,
  SupportReviewDue,
  SupportReviewScheduled,
} from './deadlines.js';
import {
  DeconflictionRecorded,
  ReferralShared,
  ReferralSharingDeferred,
  SharedDeliveryOverdue,
  SharedReferralDelivered,
} from './sharing.js';
import { MoreInformationRequested, ReferrerAnswered } from './referrer.js';
import { AgeCorrected, ConsentDueAgain, ConsentDueAgainDateSet } from './consent.js';
import { ErasureDecided, RetentionReviewDue, RetentionReviewScheduled } from './retention.js';
import { CaseMovedWithinRegion } from './regional.js';

export const catalogue = {
  ReferralSubmitted,
  ReferralRouted,
  ReferralDelivered,
  DeliveryOverdue,
  GatewayAssessmentDeadlineSet,
  GatewayAssessmentStarted,
  GatewayAssessmentCompleted,
  GatewayAssessmentOverdue,
  ReferralEscalated,
  DeconflictionRecorded,
  ReferralSharingDeferred,
  ReferralShared,
  SharedReferralDelivered,
  SharedDeliveryOverdue,
  MoreInformationRequested,
  ReferrerAnswered,
  HubAssessmentRequested,
  HubAssessmentCompleted,
  ChannelPanelScheduled,
  ConsentRecorded,
  AgeCorrected,
  ConsentDueAgainDateSet,
  ConsentDueAgain,
  PanelDecisionRecorded,
  SupportPackageAgreed,
  SupportReviewScheduled,
  SupportReviewDue,
  SupportReviewed,
  LeftChannel,
  PostExitReviewDue,
  PostExitReviewCompleted,
  ChannelWorkRecordedForCouncil,
  PoliceCaseManagementStarted,
  PoliceCaseManagementReviewScheduled,
  PoliceCaseManagementReviewDue,
  PoliceCaseManagementReviewed,
  PoliceCaseManagementEnded,
  ReferralTransferred,
  TransferAccepted,
  CaseMovedWithinRegion,
  ReferralClosed,
  RetentionReviewScheduled,
  RetentionReviewDue,
  ErasureDecided,
  PersonalDataErased,
  OrganisationDetailsChanged,
  OrganisationSharingPolicyChanged,
  RegionalAssessmentChanged,
  ChannelPanelChanged,
} as const;

type Catalogue = typeof catalogue;
export type EventType = keyof Catalogue;
export const eventTypes = Object.keys(catalogue) as EventType[];

export type EventData<T extends EventType> = z.infer<Catalogue[T]['data']>;
export type EventPersonal<T extends EventType> = Catalogue[T]['personal'] extends z.ZodType
  ? z.infer<Catalogue[T]['personal']>
  : undefined;
export type HasPersonal<T extends EventType> = Catalogue[T]['personal'] extends z.ZodType ? true : false;

/** An event as the decider produces it: no envelope yet. */
export type DomainEvent<T extends EventType = EventType> = T extends EventType
  ? HasPersonal<T> extends true
    ? { type: T; data: EventData<T>; personal: EventPersonal<T> }
    : { type: T; data: EventData<T>; personal?: undefined }
  : never;

/** An event as the store returns it: envelope, upcast to the current schema, personal part decrypted or erased. */
export type RecordedEvent<T extends EventType = EventType> = T extends EventType
  ? EventMetadata & {
      type: T;
      data: EventData<T>;
      personal: HasPersonal<T> extends true ? EventPersonal<T> | ErasedMarker : undefined;
    }
  : never;

export function definitionOf(type: string): EventDefinition | undefined {
  return Object.hasOwn(catalogue, type) ? (catalogue[type as EventType] as EventDefinition) : undefined;
}

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(catalogue, type);
}

export class EventSchemaError extends Error {
  constructor(
    readonly eventType: string,
    readonly part: 'type' | 'data' | 'personal',
    readonly issues: string,
  ) {
    super(`${eventType}: ${part} is not valid: ${issues}`);
    this.name = 'EventSchemaError';
  }
}

/**
 * Checks an event against the catalogue. Messages name fields and rules, never values,
 * so they are safe to log even when the personal part was wrong.
 */
export function validateEvent(event: { type: string; data: unknown; personal?: unknown }): DomainEvent {
  const definition = definitionOf(event.type);
  if (!definition) throw new EventSchemaError(event.type, 'type', 'not an event type of the catalogue');
  const data = definition.data.safeParse(event.data);
  if (!data.success) throw new EventSchemaError(event.type, 'data', describeIssues(data.error));
  if (definition.personal) {
    const personal = definition.personal.safeParse(event.personal);
    if (!personal.success) throw new EventSchemaError(event.type, 'personal', describeIssues(personal.error));
    return { type: event.type, data: data.data, personal: personal.data } as DomainEvent;
  }
  if (event.personal !== undefined)
    throw new EventSchemaError(event.type, 'personal', 'this event carries no personal data');
  return { type: event.type, data: data.data } as DomainEvent;
}

/** Validates a stored personal part, accepting the erased marker in its place. */
export function validateRecordedPersonal(type: EventType, personal: unknown): unknown {
  const definition = catalogue[type] as EventDefinition;
  if (!definition.personal) return undefined;
  const erased = ErasedMarkerSchema.safeParse(personal);
  if (erased.success) return erased.data;
  const parsed = definition.personal.safeParse(personal);
  if (!parsed.success) throw new EventSchemaError(type, 'personal', describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Plain words for zod issues: "person.dateOfBirth: Invalid ISO date". Values are never included;
 * an unknown field is named by its full path ("person.nickname: is not a known field").
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => {
      const prefix = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => `${prefix ? `${prefix}.` : ''}${key}: is not a known field`);
      return [`${prefix || '(the whole object)'}: ${issue.message}`];
    })
    .join('; ');
}
