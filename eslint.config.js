import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const purity = {
  'no-restricted-imports': ['error', {
    patterns: [
      { group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', '@aws-lambda-powertools/*'], message: 'domain/ and events/ are pure: no AWS or Lambda imports.' },
      { group: ['node:http', 'node:https', 'node:net', 'node:fs', 'node:crypto', 'http', 'https', 'net', 'fs', 'crypto'], message: 'domain/ and events/ are pure: no network, file system or randomness.' },
      { group: ['../functions/*', '../../functions/*', '../local/*', '../../local/*', '../infra/*', '../../infra/*', '../web/*', '../../web/*'], message: 'Dependencies point inward.' },
    ],
  }],
  'no-restricted-properties': ['error',
    { object: 'Math', property: 'random', message: 'Pass ids and randomness in.' },
    { object: 'Date', property: 'now', message: 'Pass time in.' },
  ],
  'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass time in: no clock inside domain/ or events/.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'bench/results/**', 'test/artifacts/**', 'web/public/**', '.local-data/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['domain/**/*.ts', 'events/**/*.ts'], rules: purity },
);
