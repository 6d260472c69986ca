// Where the pages' files are: the views, the stylesheet, and GOV.UK Frontend's templates and
// assets. In the repository they sit under the root; in the Lambda bundle the build copies the
// same folders beside the bundled code (infra/bundling.ts), so both are found the same way: the
// nearest folder, upwards from this code, that holds web/views.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WebFiles {
  root: string;
  views: string;
  publicFiles: string;
  /** node_modules/govuk-frontend/dist: the search path of `govuk/...` templates. */
  govukDist: string;
  govukAssets: string;
}

export function webFilesAt(root: string): WebFiles {
  const govukDist = join(root, 'node_modules', 'govuk-frontend', 'dist');
  return {
    root,
    views: join(root, 'web', 'views'),
    publicFiles: join(root, 'web', 'public'),
    govukDist,
    govukAssets: join(govukDist, 'govuk', 'assets'),
  };
}

export function locateWebFiles(from: string = dirname(fileURLToPath(import.meta.url))): WebFiles {
  let directory = from;
  for (;;) {
    if (
      existsSync(join(directory, 'web', 'views', 'layout.njk')) &&
      existsSync(join(directory, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'template.njk'))
    ) {
      return webFilesAt(directory);
    }
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error(
        `the web pages' views and GOV.UK Frontend were not found above ${from}: the bundle must carry web/views and node_modules/govuk-frontend/dist`,
      );
    directory = parent;
  }
}
