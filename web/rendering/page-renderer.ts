// Renders a page's view with nunjucks: the service's views first, then GOV.UK Frontend's
// templates and macros (`govuk/...`). Autoescaping is on, so every value from a person (a name
// like <script>) shows as text; only the service's own markup is marked safe.
import nunjucks from 'nunjucks';
import { type WebFiles } from '../web-files.js';
import { type Locale, type Translator } from '../i18n/translator.js';

export interface PageRenderer {
  render(view: string, context: Record<string, unknown>): string;
}

export interface CommonContext {
  locale: Locale;
  t: Translator;
  [name: string]: unknown;
}

export function createPageRenderer(files: WebFiles, options: { assetVersion: string }): PageRenderer {
  const environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([files.views, files.govukDist], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    },
  );
  environment.addGlobal('assetPath', '/assets');
  environment.addGlobal('assetVersion', options.assetVersion);
  return {
    render(view, context) {
      return environment.render(`pages/${view}.njk`, context);
    },
  };
}
