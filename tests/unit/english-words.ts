/** Names that are the same in Chinese text. */
const NAMES = new Set(['Kioku', 'Anki', 'YAML', 'JSON', 'CSV', 'TSV', 'UTF', 'FSRS']);

/**
 * English words left in a Chinese sentence: outside `code` (field paths, ids, YAML), “quotes”
 * (what the author wrote), the file's name and extensions (.xlsx), and the question's id.
 */
export function englishWords(
	text: string,
	e: { file?: string; questionId?: string } = {},
): string[] {
	let prose = e.file ? text.replaceAll(e.file, ' ') : text;
	if (e.questionId) prose = prose.replaceAll(e.questionId, ' ');
	prose = prose
		.replace(/`[^`]*`/g, ' ')
		.replace(/“[^”]*”/g, ' ')
		.replace(/\.[a-z]+\b/g, ' ');
	return (prose.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !NAMES.has(w));
}
