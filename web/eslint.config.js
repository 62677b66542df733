// Lint configuration for the web app: the project's rules plus React's hooks rules, for .ts and .tsx files.
import reactHooks from 'eslint-plugin-react-hooks';
import rootConfig from '../eslint.config.js';

export default [
  ...rootConfig,
  { ignores: ['dist/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'never render HTML from data (only the sandboxed e-mail frame may)' },
      ],
      eqeqeq: ['error', 'smart'],
      // the browser talks to its own server only, through the API client facade
      '@typescript-eslint/no-restricted-imports': 'off',
      'no-restricted-globals': ['error', { name: 'fetch', message: 'requests go through web/src/api/client.ts' }],
    },
  },
  { files: ['src/api/client.ts', 'scripts/**'], rules: { 'no-restricted-globals': 'off' } },
];
