// The SES stand-in: aws-ses-v2-local. `GET /store` lists the mails it received; `/` is a viewer.
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';

// The package is CommonJS with an `exports.default`; under ESM the function sits one level down.
type StartSesServer = (config?: { host?: string; port?: number }) => Promise<Server>;
const startSesServer = ((sesModule as unknown as { default?: StartSesServer }).default ?? sesModule) as StartSesServer;

export interface SesStandIn {
  endpoint: string;
  /** The mails received so far, as the stand-in stores them. */
  mails(): Promise<StoredMail[]>;
  stop(): Promise<void>;
}

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function startSesStandIn(options: { port?: number } = {}): Promise<SesStandIn> {
  const server = await startSesServer({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    async mails() {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`the SES stand-in answered ${response.status} for /store`);
      const body = (await response.json()) as { emails: StoredMail[] };
      return body.emails;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
