// The readable copy of a subject access export, for the person: a self-contained HTML page (no
// script, no outside resources) with what is disclosed only. The officer's record (exemptions and
// their grounds) is never on it. Every value is escaped.
import { type SubjectAccessExport } from './subject-access.js';

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );

/** A recorded value as lines of "name: value", nested values indented. */
function describe(value: unknown, indent = ''): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [`${indent}${String(value)}`];
  if (Array.isArray(value)) return value.flatMap((item) => describe(item, indent));
  return Object.entries(value as Record<string, unknown>).flatMap(([name, inner]) =>
    inner !== null && typeof inner === 'object'
      ? [`${indent}${name}:`, ...describe(inner, `${indent}  `)]
      : [`${indent}${name}: ${String(inner)}`],
  );
}

const block = (value: unknown): string => `<pre>${escape(describe(value).join('\n'))}</pre>`;

export function subjectAccessPage(data: SubjectAccessExport): string {
  const { referrals, erased } = data.disclosure;
  const sections = referrals.map(
    (referral) => `
<section>
<h2>Referral ${escape(referral.reference)}</h2>
<p>Received ${escape(referral.submittedAt ?? 'date not known')}. Where it stands: ${escape(referral.status)}.
Organisations that hold it: ${escape(referral.organisations.join(', ') || 'none')}.</p>
<h3>What was recorded</h3>
<ol>${referral.history
      .map(
        (event) =>
          `<li><p><strong>${escape(event.describes)}</strong>, ${escape(event.occurredAt)}, by ${escape(event.by.role)} of ${escape(event.by.organisation)}</p>${block(event.recorded)}${event.aboutThePerson !== undefined ? `<p>About you:</p>${block(event.aboutThePerson)}` : ''}</li>`,
      )
      .join('\n')}</ol>
<h3>Who read it</h3>
<table><thead><tr><th scope="col">When</th><th scope="col">Organisation</th><th scope="col">Role</th><th scope="col">What</th></tr></thead>
<tbody>${referral.readBy
      .map(
        (read) =>
          `<tr><td>${escape(read.at)}</td><td>${escape(read.organisation)}</td><td>${escape(read.role)}</td><td>${escape(read.action)}</td></tr>`,
      )
      .join('\n')}</tbody></table>
</section>`,
  );
  const erasedList = erased.length
    ? `<section><h2>Erased</h2><ul>${erased
        .map(
          (item) =>
            `<li>Referral ${escape(item.reference)}: the personal data was erased on ${escape(item.erasedAt)}. Nothing about you is held from it.</li>`,
        )
        .join('')}</ul></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Your personal data held by the Prevent referral service</title>
<style>body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;line-height:1.4}pre{white-space:pre-wrap}table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;padding:.3em;text-align:left}</style></head>
<body><main>
<h1>Your personal data held by the Prevent referral service</h1>
<p>Produced ${escape(data.producedAt)} in answer to your subject access request.</p>
${referrals.length === 0 && erased.length === 0 ? '<p>The service holds no personal data about you that can be disclosed.</p>' : ''}
${sections.join('\n')}
${erasedList}
</main></body></html>`;
}
