/**
 * Why a bank from the account was not added on this device, in the UI language: the same
 * clash wording as an upload's or a backup's (import_clash_*), the bank named by its title in
 * the language shown when the importer could read one.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { RefusedBank } from '$lib/storage/sync-apply';

export function refusedBankText(r: RefusedBank): string {
	const bank = r.title ? r.title[getLocale() === 'en' ? 'en' : 'zh'] : r.id;
	if (r.problem.kind === 'unreadable') return m.sync_bank_unreadable({ bank });
	const detail =
		r.problem.clash.kind === 'built-in-bank'
			? m.import_clash_builtin({ bank: r.id })
			: m.import_clash_question({ id: r.problem.clash.id, bank: r.problem.clash.bank });
	return m.sync_bank_clash({ bank, detail });
}
