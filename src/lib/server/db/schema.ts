/**
 * The tables Kioku's own migrations create, as Kysely sees them. Tables owned by the auth
 * library are not listed here: it reads and writes them itself.
 */
import type { AuthTables } from '../auth/tables.ts';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the next migrations add their tables here
export interface ServerSchema extends AuthTables {}
