// Lint configuration: typescript-eslint's recommended type-aware rules over the TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'web/dist/**', 'bin/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // STYLE.md: one module makes outbound HTTP requests (timeouts, size caps, address filtering). The URL sandbox's
    // egress proxy is the other door out, with its own destination policy; test servers only listen.
    files: ['src/**/*.ts'],
    ignores: ['src/intel/http-client.ts', 'src/analysis/url/egress-proxy.ts', 'src/**/*.test.ts', 'src/**/test-*.ts', 'src/intel/analyzers/contract.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'undici', allowTypeImports: true, message: 'outbound requests go through src/intel/http-client.ts' },
            ...['node:http', 'node:https', 'http', 'https'].map((name) => ({
              name,
              importNames: ['request', 'get', 'Agent', 'default'],
              allowTypeImports: true,
              message: 'outbound requests go through src/intel/http-client.ts',
            })),
            ...['node:net', 'net', 'node:tls', 'tls'].map((name) => ({
              name,
              importNames: ['connect', 'createConnection', 'Socket', 'default'],
              allowTypeImports: true,
              message: 'outbound connections go through src/intel/http-client.ts',
            })),
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'outbound requests go through src/intel/http-client.ts' }],
    },
  },
);
