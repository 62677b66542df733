// The web client's types are generated from the server's OpenAPI document; a route whose shape changed without
// `npm run gen:api` would leave the browser code type-checked against a contract the server no longer keeps.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_TYPES_FILE, apiTypes } from '../web/scripts/gen-api.ts';

test('web/src/api/openapi.d.ts matches the server (run npm run gen:api when it does not)', async () => {
  assert.ok(readFileSync(API_TYPES_FILE, 'utf8') === (await apiTypes()), 'openapi.d.ts is stale: run npm run gen:api');
});
