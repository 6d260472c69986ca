// The Lambda builds carry only the environment's credentials (functions/composition/lambda-credentials.ts
// in place of the SDK's default chain, infra/bundling.ts): no function's bundle holds the chain's other
// providers or the STS and SSO clients they call, and a bundle started with nothing but Lambda's
// credential variables still signs its requests with them.
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { LAMBDA_ENTRY_FILE, lambdaBuildOptions } from '../../../infra/bundling.js';
import { functionCatalogue } from '../../../infra/function-catalogue.js';
import { REPOSITORY_ROOT } from '../../../infra/service-app.js';

const outdir = mkdtempSync(join(tmpdir(), 'lambda-credentials-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Files of the SDK's default chain that only the other providers need. */
const CHAIN_BEYOND_ENVIRONMENT =
  /node_modules\/@aws-sdk\/(nested-clients|token-providers|credential-provider-(?!env\/)[^/]+)\/|node_modules\/@smithy\/credential-provider-imds\//;

const credentials = {
  accessKeyId: 'AKIDLAMBDAROLE0000001',
  secretAccessKey: 'the-role-session-secret',
  sessionToken: 'the-role-session-token',
};

/** A handler built as the functions are, that lists the DynamoDB tables at the endpoint it is given. */
const fixture = `import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.FIXTURE_ENDPOINT, maxAttempts: 1 });
export const handler = async () => (await client.send(new ListTablesCommand({}))).TableNames;
`;

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The SigV4 signature of the received request, recomputed here from the credentials over the headers it says it signed. */
async function expectedAuthorization(request: Received): Promise<string> {
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization))?.[1]?.split(';') ?? [];
  const headers = Object.fromEntries(signedHeaders.map((name) => [name, String(request.headers[name])]));
  const amzDate = String(request.headers['x-amz-date']);
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const signer = new SignatureV4({ credentials, region: 'eu-west-2', service: 'dynamodb', sha256: NodeSha256 });
  const [hostname, port] = String(request.headers.host).split(':');
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: hostname as string,
      port: Number(port),
      path: request.path,
      query: {},
      headers,
      body: request.body,
    },
    { signingDate },
  );
  return String(signed.headers.authorization);
}

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: SourceData) =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** The signer's hash, from node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

describe('the credentials of the Lambda builds', () => {
  it.each(functionCatalogue.map((entry) => [entry.id, entry.entry]))(
    '%s carries the environment provider and no other link of the default chain',
    async (id, entry) => {
      const result = await build({ ...lambdaBuildOptions(REPOSITORY_ROOT, entry, join(outdir, id)), write: false });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs).toContain('functions/composition/lambda-credentials.ts');
      expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/credential-provider-env/'))).toBe(true);
      expect(inputs.filter((input) => CHAIN_BEYOND_ENVIRONMENT.test(input))).toEqual([]);
    },
    60_000,
  );

  it('sign a request with the environment credentials alone', async () => {
    // Built inside the repository so that the fixture resolves its SDK.
    const sourceDir = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'prevent-referrals', 'lambda-credentials');
    mkdirSync(sourceDir, { recursive: true });
    writeFileSync(join(sourceDir, 'list-tables.ts'), fixture);
    const bundleDir = join(outdir, 'list-tables');
    await build(lambdaBuildOptions(REPOSITORY_ROOT, join(sourceDir, 'list-tables.ts'), bundleDir));

    const received: Received[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ TableNames: ['signed'] }));
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const { port } = server.address() as AddressInfo;
      const script = `const { handler } = await import(${JSON.stringify(join(bundleDir, LAMBDA_ENTRY_FILE))}); console.log(JSON.stringify(await handler()));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        // What Lambda gives a function, and nothing else: no profile, no home folder, no container endpoint.
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'eu-west-2',
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_SESSION_TOKEN: credentials.sessionToken,
          FIXTURE_ENDPOINT: `http://127.0.0.1:${port}`,
        },
      });
      expect(JSON.parse(stdout.trim())).toEqual(['signed']);
      expect(received).toHaveLength(1);
      const [request] = received as [Received];
      expect(request.headers.authorization).toMatch(
        new RegExp(`^AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/\\d{8}/eu-west-2/dynamodb/aws4_request, `),
      );
      expect(request.headers['x-amz-security-token']).toBe(credentials.sessionToken);
      expect(String(request.headers.authorization)).toContain('x-amz-security-token');
      expect(request.headers.authorization).toBe(await expectedAuthorization(request));
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  }, 60_000);
});
