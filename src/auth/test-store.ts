// Test helper: a fresh in-memory store with the auth tables, and a fast-hashing user factory.
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';
import type { Role } from './auth-tables.ts';
import type { ScryptParams } from './password-hash.ts';
import { createUser, type UserInfo } from './users.ts';

/** Cheap parameters for tests only; production hashes use DEFAULT_SCRYPT. */
export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

export const openTestStore = (): Promise<EventStore> => openSqliteStore(':memory:');

export const addUser = (store: EventStore, name: string, role: Role = 'analyst', password = `${name}-password-123`): Promise<UserInfo> =>
  createUser(store, { name, role, password }, { actor: 'test' }, FAST_SCRYPT);
