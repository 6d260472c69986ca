// The pages' security headers: the API's own set, with a content security policy for HTML. No
// inline script runs except GOV.UK Frontend's one-line `js-enabled` script in template.njk,
// allowed by its SHA-256 hash (worked out from the installed template, so an upgrade that
// changes it keeps working). No inline styles, no other origin, no framing, forms post only here.
import { createHash } from 'node:crypto';
import { securityHeaders } from '../../functions/http/security-headers.js';

/** The inline script of GOV.UK Frontend's page template, as the template writes it. */
export function inlineScriptOf(template: string): string {
  const match = /<script[^>]*>([^<]+)<\/script>/.exec(template);
  if (!match?.[1])
    throw new Error('the GOV.UK page template has no inline script to allow: check the installed govuk-frontend');
  return match[1];
}

export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(inlineScriptHash: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${inlineScriptHash}`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function pageHeaders(inlineScriptHash: string): Record<string, string> {
  return { ...securityHeaders, 'content-security-policy': contentSecurityPolicy(inlineScriptHash) };
}
