// A site's own choice of playbook per alert type: DATA/playbook-mapping.yaml ({default, types}) over the shipped mapping.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadPlaybookLibrary, type PlaybookLibrary } from './playbook.ts';

export const SITE_MAPPING_FILE = 'playbook-mapping.yaml';

const overrideSchema = z.strictObject({ default: z.string().optional(), types: z.record(z.string(), z.string()).optional() });

export function loadSitePlaybooks(dataDir: string): PlaybookLibrary {
  const path = join(dataDir, SITE_MAPPING_FILE);
  if (!existsSync(path)) return loadPlaybookLibrary();
  const parsed = overrideSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return loadPlaybookLibrary(undefined, parsed.data);
}
