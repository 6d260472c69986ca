// What wakes someone up: alarms on everything that means a referral may be stuck or lost (stream
// consumers falling behind or giving up, the timers failing, undelivered referrals), on the API's
// server errors and on throttled functions, all to one KMS-encrypted SNS topic.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type Queue } from 'aws-cdk-lib/aws-sqs';
import { type Construct } from 'constructs';
import { UNDELIVERED_METRIC } from '../../functions/delivery/undelivered-alarm.js';
import { type DeploymentSettings } from '../deployment-settings.js';
import { METRICS_NAMESPACE } from '../service-environment.js';
import { type DataStack } from './data-stack.js';
import { type ServiceStack } from './service-stack.js';

export interface MonitoringStackProps extends StackProps {
  settings: DeploymentSettings;
  data: DataStack;
  service: ServiceStack;
}

/** A stream consumer this far behind means referrals are waiting to be routed or shown. */
export const MAX_ITERATOR_AGE = Duration.minutes(5);
/** Share of API requests answered 5xx over five minutes that raises the alarm. */
export const MAX_SERVER_ERROR_PERCENT = 5;

/** An alarm on the first message in a dead-letter store (shared with the destination stacks). */
export function deadLetterAlarm(scope: Construct, id: string, queue: Queue, description: string, topic: Topic): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

export class MonitoringStack extends Stack {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { settings, service } = props;
    this.topic = new Topic(this, 'Alarms', {
      topicName: `${settings.servicePrefix}-alarms`,
      masterKey: props.data.messagingKey,
      enforceSSL: true,
    });
    if (settings.alarmEmail) this.topic.addSubscription(new EmailSubscription(settings.alarmEmail));
    const notify = new SnsAction(this.topic);
    const raise = (alarm: Alarm) => alarm.addAlarmAction(notify);

    for (const [functionId, queue] of service.failureQueues) {
      deadLetterAlarm(
        this,
        `Failed-${functionId}`,
        queue,
        `${functionId}: work that failed every retry is waiting in ${queue.node.id}; inspect and redrive it`,
        this.topic,
      );
    }

    for (const [functionId, serviceFunction] of service.functions) {
      const fn = serviceFunction.function;
      raise(
        new Alarm(this, `Throttles-${functionId}`, {
          alarmDescription: `${functionId} is being throttled (reserved concurrency or the account limit)`,
          metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      raise(
        new Alarm(this, `Errors-${functionId}`, {
          alarmDescription: `${functionId} failed invocations in three consecutive minutes`,
          metric: fn.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
          threshold: 1,
          evaluationPeriods: 3,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      if (service.streamConsumers.has(functionId)) {
        raise(
          new Alarm(this, `IteratorAge-${functionId}`, {
            alarmDescription: `${functionId} is more than ${MAX_ITERATOR_AGE.toMinutes()} minutes behind the event store`,
            metric: new Metric({
              namespace: 'AWS/Lambda',
              metricName: 'IteratorAge',
              dimensionsMap: { FunctionName: fn.functionName },
              period: Duration.minutes(1),
              statistic: 'Maximum',
            }),
            threshold: MAX_ITERATOR_AGE.toMilliseconds(),
            evaluationPeriods: 3,
            comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
        );
      }
    }

    raise(
      new Alarm(this, 'UndeliveredReferrals', {
        alarmDescription:
          'A referral could not be delivered to a destination (last attempt failed or dead-lettered): see the delivery logs for which, and npm run dead-letters -- list --cloud (docs/runbook.md)',
        metric: new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: UNDELIVERED_METRIC,
          dimensionsMap: { service: settings.servicePrefix },
          period: Duration.minutes(5),
          statistic: 'Sum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    const period = Duration.minutes(5);
    raise(
      new Alarm(this, 'ApiServerErrorRate', {
        alarmDescription: `More than ${MAX_SERVER_ERROR_PERCENT}% of API requests answered with a server error over five minutes`,
        metric: new MathExpression({
          expression: 'IF(requests > 0, 100 * errors / requests, 0)',
          usingMetrics: {
            errors: service.api.metricServerError({ period, statistic: 'Sum' }),
            requests: service.api.metricCount({ period, statistic: 'Sum' }),
          },
          period,
        }),
        threshold: MAX_SERVER_ERROR_PERCENT,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
