/**
 * The tables Kioku's own migrations create, as Kysely sees them. Tables owned by the auth
 * library are not listed here: it reads and writes them itself.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the migrations that follow
export interface ServerSchema {}
