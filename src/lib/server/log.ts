/**
 * The server's log: one JSON object per line (pino), so a log collector reads each message,
 * its level and its fields without parsing prose. Information goes to stdout, warnings and
 * errors to stderr. server.js makes the same logger for its own few lines (it cannot import
 * this module: it runs beside the build, not inside it).
 */
import pino from 'pino';

/**
 * Written synchronously: a line logged just before `process.exit` (a failed shutdown, a crash)
 * is not lost in a buffer. The server logs a few lines a minute, never per request.
 */
const out = (dest: 1 | 2) => pino.destination({ dest, sync: true });

export const log = pino(
	{
		// KIOKU_LOG_LEVEL: `debug` for more, `warn` for less; the unit tests run with `silent`,
		// so a test of a failure path does not print the failure it provokes.
		level: process.env.KIOKU_LOG_LEVEL || 'info',
		// Readable names ("info", "error") and times, rather than pino's numbers.
		formatters: { level: (label) => ({ level: label }) },
		timestamp: pino.stdTimeFunctions.isoTime,
	},
	// dedupe: each line goes to one stream only, the one of the highest level it reaches.
	pino.multistream(
		[
			{ level: 'info', stream: out(1) },
			{ level: 'warn', stream: out(2) },
		],
		{ dedupe: true },
	),
);
