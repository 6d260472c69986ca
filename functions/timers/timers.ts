// The scheduled timers: finds the timers that have fallen due through the read models' due-date
// index and turns each into the decider's command (MarkDeliveryOverdue, MarkGatewayAssessment-
// Overdue, MarkSupportReviewDue, MarkPoliceCaseManagementReviewDue, MarkPostExitReviewDue,
// MarkConsentDueAgain, MarkRetentionReviewDue), sent through the command handler with a
// deterministic command id, so a timer that fires twice (two runs, a retry) is recorded once. The
// resulting event, projected, removes the timer.
import { type UndeliveredAlarm } from '../delivery/undelivered-alarm.js';
import { createHash } from 'node:crypto';
import { type AttributeValue, type DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Actor } from '../../events/index.js';
import { type ReferralCommand, type ReferralError } from '../../domain/referral/index.js';
import { undeliveredDestinations, undeliveredShares } from '../../domain/routing/undelivered.js';
import { type TriagePolicy } from '../../domain/triage/index.js';
import { readCaseRecord } from '../projector/case-projection.js';
import { type ProjectionVersions } from '../read-models/projection-versions.js';
import { caseKeys } from '../read-models/read-model-keys.js';
import { type CommandHandler } from '../command-handler/command-handler.js';
import { DueTimer } from './timer-schedule.js';

export const TIMERS_ACTOR: Actor = { organisation: 'prevent-referral-routing', user: 'timers', role: 'system' };

export interface TimersDeps {
  client: DynamoDBClient;
  tableName: string;
  versions: ProjectionVersions;
  /** Load -> decide -> append for one referral, idempotent by command id. */
  commands: CommandHandler<ReferralCommand, ReferralError>;
  policy: TriagePolicy;
  now(): Date;
  logger: { warn(message: string, details?: Record<string, unknown>): void };
  /** Raised for each delivery (a routing's or a share's) the timers record as overdue. */
  alarm?: UndeliveredAlarm;
}

export interface TimersRun {
  /** Timers found due. */
  due: number;
  /** Commands the referral accepted (recorded now, or found already recorded). */
  accepted: number;
  notYetDue: number;
  refused: number;
}

const MAX_COMMAND_ID = 128;

/** `timer:<streamId>:<kind>:<dueAt>`, or its SHA-256 when that is longer than a command id may be. */
export function timerCommandId(streamId: string, kind: string, dueAt: string): string {
  const id = `timer:${streamId}:${kind}:${dueAt}`;
  return id.length <= MAX_COMMAND_ID ? id : `timer:${createHash('sha256').update(id).digest('hex')}`;
}

function correlationIdOf(commandId: string): string {
  return `timer-${createHash('sha256').update(commandId).digest('hex').slice(0, 32)}`;
}

/** Timers that fall due as one command without fields: the fact each records. */
const factOfTimer = {
  'gateway-assessment-overdue': 'MarkGatewayAssessmentOverdue',
  'support-review-due': 'MarkSupportReviewDue',
  'consent-due-again': 'MarkConsentDueAgain',
  'retention-review-due': 'MarkRetentionReviewDue',
} as const;

export function createTimers(deps: TimersDeps) {
  /** The case record the delivery timers read (which destinations still owe a confirmation). */
  async function caseRecordOf(version: number, streamId: string) {
    const { Item } = await deps.client.send(
      new GetItemCommand({
        TableName: deps.tableName,
        Key: marshall({ pk: caseKeys.partition(version, streamId), sk: caseKeys.caseSk }),
        ConsistentRead: true,
      }),
    );
    return Item ? readCaseRecord(unmarshall(Item)) : null;
  }

  async function commandsFor(
    version: number,
    timer: DueTimer,
    at: string,
  ): Promise<{ commandId: string; command: ReferralCommand }[]> {
    const base = { at, actor: TIMERS_ACTOR };
    switch (timer.kind) {
      case 'gateway-assessment-overdue':
      case 'support-review-due':
      case 'consent-due-again':
      case 'retention-review-due':
        return [
          {
            commandId: timerCommandId(timer.streamId, timer.kind, timer.dueAt),
            command: { type: factOfTimer[timer.kind], ...base },
          },
        ];
      case 'case-management-review-due':
        return [
          {
            commandId: timerCommandId(timer.streamId, timer.kind, timer.dueAt),
            command: { type: 'MarkPoliceCaseManagementReviewDue', ...base },
          },
        ];
      case 'post-exit-review-six-month':
      case 'post-exit-review-twelve-month':
        return [
          {
            commandId: timerCommandId(timer.streamId, timer.kind, timer.dueAt),
            command: {
              type: 'MarkPostExitReviewDue',
              ...base,
              review: timer.kind === 'post-exit-review-six-month' ? 'six-month' : 'twelve-month',
            },
          },
        ];
      case 'delivery-overdue': {
        const record = await caseRecordOf(version, timer.streamId);
        if (!record) return [];
        if (record.routedAt === null) return [];
        return undeliveredDestinations(record.state, record.routedAt, at, deps.policy)
          .filter((destination) => !destination.alreadyMarkedOverdue)
          .map((destination) => ({
            commandId: timerCommandId(
              timer.streamId,
              `delivery-overdue-${destination.destinationId}`,
              destination.dueBy,
            ),
            command: {
              type: 'MarkDeliveryOverdue',
              ...base,
              destinationId: destination.destinationId,
              routedVersion: destination.routedVersion,
              dueBy: destination.dueBy,
            },
          }));
      }
      case 'shared-delivery-overdue': {
        const record = await caseRecordOf(version, timer.streamId);
        if (!record) return [];
        return undeliveredShares(record.state, at, deps.policy).map((share) => ({
          commandId: timerCommandId(
            timer.streamId,
            `shared-delivery-overdue-${share.sharedVersion}-${share.destinationId}`,
            share.dueBy,
          ),
          command: {
            type: 'MarkSharedDeliveryOverdue',
            ...base,
            destinationId: share.destinationId,
            sharedVersion: share.sharedVersion,
            dueBy: share.dueBy,
          },
        }));
      }
    }
  }

  return {
    /** One run: every timer due at or before now. */
    async run(): Promise<TimersRun> {
      const at = deps.now().toISOString();
      const { active } = await deps.versions.current('cases');
      const result: TimersRun = { due: 0, accepted: 0, notYetDue: 0, refused: 0 };
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await deps.client.send(
          new QueryCommand({
            TableName: deps.tableName,
            IndexName: 'by-due-date',
            KeyConditionExpression: 'dueBucket = :bucket AND dueAt <= :now',
            ExpressionAttributeValues: marshall({ ':bucket': caseKeys.timerBucket(active), ':now': at }),
            ExclusiveStartKey: start,
          }),
        );
        for (const raw of page.Items ?? []) {
          const timer = DueTimer.parse(unmarshall(raw).timer);
          result.due += 1;
          for (const { commandId, command } of await commandsFor(active, timer, at)) {
            const outcome = await deps.commands.handle({
              streamId: timer.streamId,
              commandId,
              command,
              correlationId: correlationIdOf(commandId),
            });
            if (outcome.ok) {
              result.accepted += 1;
              // A delivery past its deadline is the undelivered alarm, whether of a routing or of a share.
              const overdue = outcome.recordedTypes.some(
                (type) => type === 'DeliveryOverdue' || type === 'SharedDeliveryOverdue',
              );
              if (overdue && !outcome.replayed && 'destinationId' in command)
                deps.alarm?.raise({
                  reason: 'delivery-overdue',
                  destinationId: command.destinationId,
                  streamId: timer.streamId,
                  version: outcome.lastVersion,
                });
            } else if (outcome.error.code === 'not-yet-due') result.notYetDue += 1;
            else {
              result.refused += 1;
              deps.logger.warn('a due timer was refused by the referral', {
                streamId: timer.streamId,
                kind: timer.kind,
                code: outcome.error.code,
              });
            }
          }
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return result;
    },
  };
}
