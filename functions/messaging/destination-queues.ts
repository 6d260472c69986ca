// The queues of a destination: its FIFO queue (named in the directory) and the dead-letter queue
// its redrive policy moves a message to after `maxReceiveCount` failed receives.

/** "prevent-police-e23000014.fifo" -> "prevent-police-e23000014-dlq.fifo" (still within SQS's 80 characters). */
export function deadLetterQueueNameFor(queueName: string): string {
  const base = queueName.replace(/\.fifo$/, '');
  return `${base}-dlq.fifo`;
}

/** The redrive policy of a destination queue, as SQS takes it. */
export function redrivePolicy(deadLetterQueueArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn: deadLetterQueueArn, maxReceiveCount });
}
