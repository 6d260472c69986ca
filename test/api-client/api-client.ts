// The API as a client programme sees it: openapi-fetch, typed by the types openapi-typescript
// generates from the service's own OpenAPI document (prevent-referrals-api.ts). A request the
// document does not describe (an unknown path, a missing parameter or If-Match, a body of the
// wrong shape) fails typecheck, so the API tests prove the document is enough to call the API.
// Each answer keeps its body as sent, for checks that the service never echoes a submitted value.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { type components, type paths } from './prevent-referrals-api.js';

export type PreventReferralsApi = Client<paths>;
export type Problem = components['schemas']['Problem'];

/** The commands a caseworker runs on a case, by path: POST /referrals/{referralId}/<command>. */
export type CaseCommand = {
  [Path in keyof paths]: Path extends `/referrals/{referralId}/${infer Command}`
    ? paths[Path]['post'] extends undefined
      ? never
      : Command extends 'more-information/answer'
        ? never // the referrer's answer: no If-Match, its own answer (referral-routes.ts)
        : Command
    : never;
}[keyof paths];

/** The body a case command takes, as the document describes it. */
export type CaseCommandBody<Command extends CaseCommand> = NonNullable<
  paths[`/referrals/{referralId}/${Command}`]['post']
>['requestBody']['content']['application/json'];

/** What a test reads of any answer, typed client or raw request alike. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The body as the service sent it. */
  text: string;
  /** The body parsed as JSON, whatever the status; {} when it is empty or not JSON. */
  json: Record<string, unknown>;
}

/** An answer of the typed client: the raw view, and the body as the document types it. */
export interface TypedAnswer<Data, Failure> extends ApiAnswer {
  /** The body of a 2xx answer, typed by the operation's success response. */
  data: Data | undefined;
  /** The body of a refusal, typed by the operation's problem responses. */
  error: Failure | undefined;
}

const sentText = new WeakMap<Response, string>();

/** Reads a copy of each body before openapi-fetch parses it, so its text stays available. */
const keepSentText: Middleware = {
  async onResponse({ response }) {
    sentText.set(response, await response.clone().text());
  },
};

/** A client of the API at `baseUrl` (the origin, as the document's relative server says), signed in with `token` if given. */
export function createApiClient(baseUrl: string, options: { token?: string } = {}): PreventReferralsApi {
  const client = createClient<paths>({
    baseUrl,
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
  client.use(keepSentText);
  return client;
}

type CaseCommandRequest = (
  path: `/referrals/{referralId}/${CaseCommand}`,
  init: {
    params: { path: { referralId: string }; header: { 'If-Match': string; 'Idempotency-Key'?: string } };
    body: CaseCommandBody<CaseCommand>;
  },
) => Promise<{ data?: components['schemas']['CommandAnswer']; error?: Problem; response: Response }>;

/**
 * POST /referrals/{referralId}/<command> for a command chosen at run time. Every case command
 * takes the same parameters and answers alike (CommandAnswer, or a problem); TypeScript cannot
 * follow a path chosen at run time through openapi-fetch's types, so this signature stands for all.
 */
export function sendCaseCommand<Command extends CaseCommand>(
  client: PreventReferralsApi,
  command: Command,
  referralId: string,
  body: CaseCommandBody<Command>,
  headers: { 'If-Match': string; 'Idempotency-Key'?: string },
) {
  return (client.POST as CaseCommandRequest)(`/referrals/{referralId}/${command}`, {
    params: { path: { referralId }, header: headers },
    body,
  });
}

export function parsedBody(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Waits for a typed request and gives its answer, typed and raw. */
export async function answered<Data, Failure>(
  pending: Promise<{ data?: Data; error?: Failure; response: Response }>,
): Promise<TypedAnswer<Data, Failure>> {
  const { data, error, response } = await pending;
  const text = sentText.get(response);
  // Without the body as sent, a check that it never echoes a value would pass on an empty string.
  if (text === undefined) throw new Error('the answer was not read by a client from createApiClient');
  return { status: response.status, headers: response.headers, text, json: parsedBody(text), data, error };
}
