// Test helper: a user of a given role and the Authorization header of an API token of theirs.
import { createApiToken } from '../../src/auth/api-tokens.ts';
import type { Role } from '../../src/auth/auth-tables.ts';
import { createUser } from '../../src/auth/users.ts';
import type { EventStore } from '../../src/store/store.ts';

export async function bearerFor(store: EventStore, name: string, role: Role = 'analyst'): Promise<{ authorization: string }> {
  const user = await createUser(store, { name, role, password: `${name}-Passw0rd-long-enough` }, { actor: 'test' });
  const { token } = await createApiToken(store, { id: user.id, name: user.name, role }, { name: 'test' }, { actor: 'test' });
  return { authorization: `Bearer ${token}` };
}
