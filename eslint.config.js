import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// `import { z } from 'zod'` keeps zod's whole namespace, every locale included (about 370 KB), in
// each Lambda bundle; `import * as z from 'zod'` lets esbuild drop what is not used.
const namedZodImport = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
  message: "Write `import * as z from 'zod'`: the named `z` export pulls every zod locale into each Lambda bundle.",
};

const purity = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', '@aws-lambda-powertools/*'],
          message: 'domain/ and events/ are pure: no AWS or Lambda imports.',
        },
        {
          group: [
            'node:http',
            'node:https',
            'node:net',
            'node:fs',
            'node:crypto',
            'http',
            'https',
            'net',
            'fs',
            'crypto',
          ],
          message: 'domain/ and events/ are pure: no network, file system or randomness.',
        },
        {
          group: [
            '../functions/*',
            '../../functions/*',
            '../local/*',
            '../../local/*',
            '../infra/*',
            '../../infra/*',
            '../web/*',
            '../../web/*',
          ],
          message: 'Dependencies point inward.',
        },
      ],
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Pass ids and randomness in.' },
    { object: 'Date', property: 'now', message: 'Pass time in.' },
  ],
  'no-restricted-syntax': [
    'error',
    namedZodImport,
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'Pass time in: no clock inside domain/ or events/.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'bench/results/**',
      'test/artifacts/**',
      'web/public/**',
      '.local-data/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', namedZodImport],
    },
  },
  { files: ['domain/**/*.ts', 'events/**/*.ts'], rules: purity },
  // Imports run from web/ to functions/ and domain/, never back: the web Lambda's entry and
  // composition live in web/, so functions/ has no reason to know the pages.
  {
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/web/*', '**/local/*'], message: 'functions/ does not import web/ or local/.' }] },
      ],
    },
  },
);
