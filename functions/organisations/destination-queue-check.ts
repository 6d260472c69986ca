// Whether a destination's queue exists, asked of SQS by name. A queue that exists is remembered;
// a missing one is asked about again next time (the deployment may have created it since).
import { GetQueueUrlCommand, QueueDoesNotExist, type SQSClient } from '@aws-sdk/client-sqs';

export function destinationQueueCheck(sqs: SQSClient): (queueName: string) => Promise<boolean> {
  const existing = new Set<string>();
  return async (queueName) => {
    if (existing.has(queueName)) return true;
    try {
      await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    } catch (error) {
      if (
        error instanceof QueueDoesNotExist ||
        (error as { name?: string }).name === 'AWS.SimpleQueueService.NonExistentQueue'
      )
        return false;
      throw error;
    }
    existing.add(queueName);
    return true;
  };
}
