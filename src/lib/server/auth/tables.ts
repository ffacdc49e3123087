/**
 * Kioku's own tables beside the auth library's: recovery codes, and the counters that limit
 * sign-in attempts. In the database, not in memory, so several server instances share them.
 * Better Auth creates its own tables (`auth_user`, `auth_session`, `auth_account`,
 * `auth_verification`, `auth_passkey`) with its own migrations (see auth.ts).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export interface RecoveryCodeTable {
	id: string;
	user_id: string;
	/** scrypt, as passwords are: the code itself is shown once and never stored. */
	code_hash: string;
	created_at: number;
}

export interface AttemptCounterTable {
	/** `account:<user name>`, `address:<ip>`, `sign-up:<ip>`. */
	key: string;
	/** When the current window began (ms since the epoch). */
	window_start: number;
	attempts: number;
}

export interface AuthTables {
	auth_recovery_code: RecoveryCodeTable;
	auth_attempt_counter: AttemptCounterTable;
}

/** Added to Kioku's migration list (src/lib/server/db/migrations.ts); never edit a shipped one. */
export const authMigrations: Record<string, Migration> = {
	'0001-auth-recovery-codes-and-attempts': {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its schema
		async up(db: Kysely<any>) {
			await db.schema
				.createTable('auth_recovery_code')
				.addColumn('id', 'varchar(64)', (c) => c.primaryKey())
				.addColumn('user_id', 'varchar(64)', (c) => c.notNull())
				.addColumn('code_hash', 'varchar(255)', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('auth_recovery_code_user')
				.on('auth_recovery_code')
				.column('user_id')
				.execute();
			await db.schema
				.createTable('auth_attempt_counter')
				.addColumn('key', 'varchar(300)', (c) => c.primaryKey())
				.addColumn('window_start', 'bigint', (c) => c.notNull())
				.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(sql`0`))
				.execute();
		},
	},
};

/**
 * The columns of Better Auth's own tables that Kioku reads or deletes itself (account deletion,
 * data download, recovery). Better Auth names columns in camel case.
 */
export interface BetterAuthTables {
	auth_user: {
		id: string;
		name: string;
		email: string;
		username: string | null;
		displayUsername: string | null;
		createdAt: Date | string;
	};
	auth_session: {
		id: string;
		userId: string;
		token: string;
		createdAt: Date | string;
		updatedAt: Date | string;
		expiresAt: Date | string;
		ipAddress: string | null;
		userAgent: string | null;
	};
	auth_account: { id: string; userId: string };
	auth_verification: { id: string; identifier: string; value: string };
	/** The passkey plugin's table (its model renamed so in auth.ts). */
	auth_passkey: {
		id: string;
		userId: string;
		name: string | null;
		credentialID: string;
		publicKey: string;
		counter: number;
		deviceType: string;
		backedUp: boolean | number;
		transports: string | null;
		aaguid: string | null;
		createdAt: Date | string | null;
	};
}
