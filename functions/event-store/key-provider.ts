// Envelope encryption: a key service creates each referral's data key and hands it out wrapped
// (encrypted under a master key); only the wrapped form is stored. KMS in the cloud, a local
// master key offline; both behind this interface. The stream id is bound to the wrapped key
// (KMS encryption context, or AES-GCM additional data locally), so a wrapped key copied to
// another stream does not unwrap.
export interface WrappedDataKey {
  /** 32 bytes for AES-256-GCM. Never stored, never logged. */
  plaintext: Uint8Array;
  wrapped: Uint8Array;
  /** Which master key wrapped it (a KMS key ARN, or `local:<fingerprint>`). */
  masterKeyId: string;
}

export interface KeyProvider {
  generateDataKey(streamId: string): Promise<WrappedDataKey>;
  unwrapDataKey(streamId: string, wrapped: Uint8Array): Promise<Uint8Array>;
}
