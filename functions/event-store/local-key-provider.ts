// The offline key provider: data keys wrapped with AES-256-GCM under a local master key.
// The master key comes from LOCAL_MASTER_KEY (base64, 32 bytes) or from a file that is
// generated on first use (mode 0600, under .local-data/ by default). For local runs and tests
// only: in the cloud the KMS provider is used.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyProviderError } from './errors.js';
import { type KeyProvider, type WrappedDataKey } from './key-provider.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DEFAULT_MASTER_KEY_FILE = '.local-data/master-key';

export function createLocalKeyProvider(masterKey: Uint8Array): KeyProvider {
  if (masterKey.byteLength !== 32) throw new Error('the local master key must be 32 bytes (AES-256)');
  const masterKeyId = `local:${createHash('sha256').update(masterKey).digest('hex').slice(0, 16)}`;
  return {
    async generateDataKey(streamId): Promise<WrappedDataKey> {
      const plaintext = randomBytes(32);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      cipher.setAAD(Buffer.from(streamId, 'utf8'));
      const wrapped = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { plaintext, wrapped, masterKeyId };
    },
    async unwrapDataKey(streamId, wrapped): Promise<Uint8Array> {
      if (wrapped.byteLength !== IV_BYTES + 32 + TAG_BYTES)
        throw new KeyProviderError('unwrap-data-key', streamId, 'the wrapped key has the wrong length');
      try {
        const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(streamId, 'utf8'));
        decipher.setAuthTag(wrapped.subarray(IV_BYTES + 32));
        return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, IV_BYTES + 32)), decipher.final()]);
      } catch (error) {
        throw new KeyProviderError(
          'unwrap-data-key',
          streamId,
          'the local master key does not open it (another master key, or another stream)',
          { cause: error },
        );
      }
    },
  };
}

/** LOCAL_MASTER_KEY if set, else the key in `file`, created with a fresh random key on first use. */
export function loadLocalMasterKey(options: { env?: NodeJS.ProcessEnv; file?: string } = {}): Uint8Array {
  const fromEnv = (options.env ?? process.env).LOCAL_MASTER_KEY;
  if (fromEnv) return decodeMasterKey(fromEnv, 'LOCAL_MASTER_KEY');
  const file = options.file ?? DEFAULT_MASTER_KEY_FILE;
  if (existsSync(file)) return decodeMasterKey(readFileSync(file, 'utf8').trim(), file);
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function decodeMasterKey(base64: string, source: string): Uint8Array {
  const key = Buffer.from(base64, 'base64');
  if (key.byteLength !== 32) throw new Error(`${source} must hold a base64-encoded 32-byte key`);
  return key;
}
