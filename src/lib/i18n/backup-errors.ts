/**
 * Why a backup was not restored, in the UI language. The storage code says it in English for
 * logs and tools, and also as data (`BackupError.problem`, `RestoreRefusal`); this words the
 * data. Field paths are code, shown as written between backticks.
 */
import { formatFieldPath } from '$lib/bank/describe-issue';
import { m } from '$lib/paraglide/messages';
import type { BackupError, BackupProblem } from '$lib/storage/backup';
import type { RestoreRefusal } from '$lib/storage/backup-restore';
import { bankProblemText } from './bank-problems';
import { importErrorText } from './import-errors';

export interface RefusalText {
	text: string;
	/** Technical detail in English, when `text` cannot say it all (for a <details>). */
	english?: string;
}

const code = (path: Parameters<typeof formatFieldPath>[0]) => `\`${formatFieldPath(path)}\``;

function problemText(p: BackupProblem): RefusalText {
	switch (p.kind) {
		case 'too-large':
			return { text: m.backup_too_big() };
		case 'version-not-whole':
			return { text: m.backup_p_version() };
		case 'field':
			return { text: bankProblemText(p.problem, '') };
		case 'repeated-key':
			return { text: m.backup_p_repeated({ field: code(p.path), value: p.value }) };
		case 'unknown-config':
			return { text: m.backup_p_unknown_config({ field: code(p.path), config: p.config }) };
		case 'settings-twice':
			return { text: m.backup_p_settings_twice() };
		case 'bad-bank': {
			if (!p.error) return { text: m.backup_p_bank_id({ id: p.id, found: p.foundId ?? '' }) };
			const said = importErrorText(p.error, false);
			const detail = `${said.where}${m.label_colon()}${said.text}`;
			return { text: m.backup_p_bank({ id: p.id, detail }), english: said.english };
		}
	}
}

function unreadableText(e: BackupError, english: boolean): RefusalText {
	switch (e.code) {
		case 'not-json':
			return { text: m.backup_not_json() };
		case 'not-kioku':
			return { text: m.backup_not_kioku() };
		case 'newer-version':
			return { text: m.backup_newer() };
		case 'older-version-unsupported':
			return { text: m.backup_older() };
		case 'invalid': {
			if (english) return { text: m.backup_invalid({ detail: e.message }) };
			if (!e.problem) return { text: m.backup_damaged(), english: e.message };
			const said = problemText(e.problem);
			// A rule with no wording of its own names its field; the English says which rule.
			const vague = e.problem.kind === 'field' && e.problem.problem.kind === 'invalid-value';
			return {
				text: m.backup_invalid({ detail: said.text }),
				english: said.english ?? (vague ? e.message : undefined),
			};
		}
	}
}

/**
 * `english`: the UI is in English, so a damaged file is told by the storage's own sentence
 * (`logs[12].rating must be 1 to 4`), as the import screen tells the author's.
 */
export function restoreRefusalText(r: RestoreRefusal, english: boolean): RefusalText {
	switch (r.kind) {
		case 'too-big':
			return { text: m.backup_too_big() };
		case 'unreadable':
			return unreadableText(r.error, english);
		case 'bank-clash': {
			const detail =
				r.clash.kind === 'built-in-bank'
					? m.import_clash_builtin({ bank: r.bank })
					: m.import_clash_question({ id: r.clash.id, bank: r.clash.bank });
			return { text: m.backup_bank_clash({ bank: r.bank, detail }) };
		}
		case 'config-differs':
			return { text: m.backup_config_differs({ key: r.key }) };
		case 'failed':
			return { text: m.backup_failed(), english: r.message };
	}
}
