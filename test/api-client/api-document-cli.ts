// Writes what the API document gives the repository:
//   tsx test/api-client/api-document-cli.ts types            the typed client's types and the document
//                                                            the platform Lambda serves (npm run openapi)
//   tsx test/api-client/api-document-cli.ts document <file>  the document itself, for Redocly's lint (npm run lint)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { builtApiDocumentFile, builtApiDocumentSource, servedApiDocument } from './api-document.js';

const [what, file] = process.argv.slice(2);
if (what === 'types') {
  const { clientTypesFile, clientTypesSource } = await import('./client-types.js');
  const document = servedApiDocument();
  writeFileSync(clientTypesFile, await clientTypesSource(document));
  writeFileSync(builtApiDocumentFile, builtApiDocumentSource(document));
} else if (what === 'document' && file) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(servedApiDocument(), null, 2)}\n`);
} else {
  console.error('usage: api-document-cli.ts types | document <file>');
  process.exit(2);
}
