// Taking messages off a destination queue from a test, as its consumer would: receive what the
// queue hands out now (up to ten, waiting up to a second, with every attribute), handle each,
// then delete it. Shared by the router and dead-letter tests, which read the queues themselves.
import { DeleteMessageCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** One receive; each message is handed to `handle`, then deleted. Resolves to how many came. */
export async function takeMessages(
  sqs: SQSClient,
  queueUrl: string,
  handle: (message: Message) => unknown,
): Promise<number> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  for (const message of Messages) {
    await handle(message);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
  return Messages.length;
}
