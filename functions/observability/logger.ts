// Observability in one place: structured logs with the correlation id on every line and no
// personal data (callers log ids, codes and counts, never a name, address or concern text).
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'prevent-referrals',
  logLevel:
    (process.env.LOG_LEVEL as 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | 'SILENT' | undefined) ??
    (process.env.VITEST ? 'SILENT' : 'INFO'),
});
