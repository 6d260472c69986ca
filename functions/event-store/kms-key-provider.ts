// The cloud key provider: AWS KMS creates each referral's data key (GenerateDataKey) and
// unwraps it (Decrypt), with an encryption context naming the stream, so a wrapped key only
// opens for its own referral and every use is in CloudTrail with the stream id.
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { KeyProviderError } from './errors.js';
import { type KeyProvider, type WrappedDataKey } from './key-provider.js';

export function createKmsKeyProvider(deps: { kms: KMSClient; keyId: string }): KeyProvider {
  const context = (streamId: string) => ({ service: 'prevent-referral-routing', streamId });
  return {
    async generateDataKey(streamId): Promise<WrappedDataKey> {
      let answer;
      try {
        answer = await deps.kms.send(
          new GenerateDataKeyCommand({ KeyId: deps.keyId, KeySpec: 'AES_256', EncryptionContext: context(streamId) }),
        );
      } catch (error) {
        throw new KeyProviderError('generate-data-key', streamId, `KMS refused or failed (${errorName(error)})`, {
          cause: error,
        });
      }
      if (!answer.Plaintext || !answer.CiphertextBlob || answer.Plaintext.byteLength !== 32) {
        throw new KeyProviderError('generate-data-key', streamId, 'KMS answered without a 256-bit data key');
      }
      return { plaintext: answer.Plaintext, wrapped: answer.CiphertextBlob, masterKeyId: answer.KeyId ?? deps.keyId };
    },
    async unwrapDataKey(streamId, wrapped): Promise<Uint8Array> {
      let answer;
      try {
        answer = await deps.kms.send(
          new DecryptCommand({ KeyId: deps.keyId, CiphertextBlob: wrapped, EncryptionContext: context(streamId) }),
        );
      } catch (error) {
        throw new KeyProviderError('unwrap-data-key', streamId, `KMS refused or failed (${errorName(error)})`, {
          cause: error,
        });
      }
      if (!answer.Plaintext || answer.Plaintext.byteLength !== 32)
        throw new KeyProviderError('unwrap-data-key', streamId, 'KMS answered without a 256-bit data key');
      return answer.Plaintext;
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
