// Calls the web Lambda's handler as API Gateway would for ANY /{proxy+}: a method, a path, an
// optional form body, cookies and query string, from a documentation address (198.51.100.7).
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2, type Context } from 'aws-lambda';

export type PageAnswer = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };

export type PageHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export interface PageCallOptions {
  body?: string;
  cookies?: string[];
  query?: string;
}

export async function callPage(
  handler: PageHandler,
  method: string,
  path: string,
  options: PageCallOptions = {},
): Promise<PageAnswer> {
  const event = {
    version: '2.0',
    routeKey: 'ANY /{proxy+}',
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers: {
      host: 'pages.test',
      ...(options.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(options.cookies ? { cookies: options.cookies } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      http: { method, path, sourceIp: '198.51.100.7' },
      requestId: 'request-123456',
      domainName: 'pages.test',
    },
  } as unknown as APIGatewayProxyEventV2;
  return (await handler(event, {} as Context)) as PageAnswer;
}
