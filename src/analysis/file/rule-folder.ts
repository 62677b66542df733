// Which YARA rule folder is in use: an explicit one, else DATA/yara when present, else the rules shipped with Watchfloor.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHIPPED_YARA_RULES = fileURLToPath(new URL('./rules/', import.meta.url));

export function yaraRuleDir(dataDir: string, explicit?: string): string {
  if (explicit) return explicit;
  const local = join(dataDir, 'yara');
  return existsSync(local) ? local : SHIPPED_YARA_RULES;
}
