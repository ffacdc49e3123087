/**
 * Anki's HTML fields as the plain text a learner reads. Not a sanitiser for display: the result
 * is text and is only ever shown as text.
 */

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
};

/** Anki's HTML as the plain text a learner reads: line breaks kept, markup and media dropped. */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(div|p|li|h[1-6]|tr)\s*>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/\[sound:[^\]]*\]/g, '')
		.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name: string) => {
			if (name[0] === '#') {
				const code =
					name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
				return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
					? String.fromCodePoint(code)
					: '';
			}
			return ENTITIES[name.toLowerCase()] ?? entity;
		})
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((l) => l.trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
