// The soak run's report, in Markdown: figures only, no personal data (ids and references are not listed).
import { type SoakResult } from './soak-run.js';

export function soakReport(result: SoakResult, when: Date): string {
  const { audit, options } = result;
  const seconds = (ms: number | null) => (ms === null ? 'did not settle' : `${(ms / 1000).toFixed(1)} s`);
  const faults = Object.entries(result.faults)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `| ${kind} | ${count} |`);
  const refused = Object.entries(result.drive.refused).map(([what, count]) => `${what} (${count})`);
  return [
    `# Soak run (${when.toISOString()})`,
    '',
    `${options.referrals} referrals, fault rate ${(options.faultRate * 100).toFixed(1)}%, ${result.restartsDone} of ${options.restarts} engine restarts (DynamoDB Local on disk and the SQS stand-in), seed ${options.seed}.`,
    '',
    `**${result.lossFree ? 'Nothing lost, duplicated or misrouted.' : 'LOSS: see the figures below.'}**`,
    '',
    '| what | figure |',
    '| --- | ---: |',
    `| submitted | ${audit.submitted} |`,
    `| routed (latest routing recorded) | ${audit.routed} |`,
    `| every destination of the latest routing confirmed | ${audit.fullyDelivered} |`,
    ...Object.entries(audit.deliveredByDestinationKind).map(
      ([kind, count]) => `| delivered to ${kind} destinations | ${count} |`,
    ),
    `| missing: not submitted / not routed / undelivered | ${audit.missing.notSubmitted} / ${audit.missing.notRouted} / ${audit.missing.undelivered} |`,
    `| duplicated: routings / deliveries / mails | ${audit.duplicated.routings} / ${audit.duplicated.deliveries} / ${audit.duplicated.mails} |`,
    `| misrouted | ${audit.misrouted} |`,
    `| dead-lettered: destination queues / router failures | ${audit.deadLettered.destinationQueues} / ${audit.deadLettered.routerFailures} |`,
    `| case read models checked / behind / different from a rebuild | ${audit.readModels.checked} / ${audit.readModels.behind} / ${audit.readModels.different} |`,
    ...audit.rebuilds.map(
      (rebuild) =>
        `| ${rebuild.projection} read models (v${rebuild.liveVersion}) against a rebuild from the store (v${rebuild.rebuiltVersion}): items / missing / extra / different | ${rebuild.items} / ${rebuild.missing} / ${rebuild.extra} / ${rebuild.different}${
          Object.keys(rebuild.byKind).length
            ? ` (${Object.entries(rebuild.byKind)
                .map(([kind, n]) => `${kind} ${n}`)
                .join(', ')})`
            : ''
        } |`,
    ),
    `| mails sent (for this run's references) / missing | ${audit.mails.sent} / ${audit.mails.missing} |`,
    `| mails whose send lost SES's answer (outcome unknown, not sent again) | ${audit.mails.outcomeUnknown} |`,
    ...Object.entries(audit.mails.duplicatesByKind).map(([kind, count]) => `| duplicate mails: ${kind} | ${count} |`),
    ...(audit.routerFailureKeys.length
      ? [`| stream records set aside (stream, version) | ${audit.routerFailureKeys.join('; ')} |`]
      : []),
    `| delivery confirmed after the case was closed (recorded, not refused) | ${audit.closedBeforeDelivered} |`,
    `| drive time | ${seconds(result.driveMs)} |`,
    `| settled after faults stopped | ${seconds(result.settleMs)} |`,
    `| driver commands retried after a fault / waited for the routing / refused for good | ${result.drive.retried} / ${result.drive.waited} / ${refused.length ? refused.join(', ') : 0} |`,
    `| errors the pollers reported (retried) | ${result.pollerErrors} |`,
    '',
    '| fault injected | times |',
    '| --- | ---: |',
    ...faults,
    '',
  ].join('\n');
}
