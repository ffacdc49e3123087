/**
 * Exchange formats: banks in and out of Kioku. Import reads a Kioku bank in one YAML or JSON
 * file, or cards as delimited text (Anki, Quizlet, a spreadsheet); export writes Kioku YAML or
 * JSON, the CLI's folder form, or Anki's plain text. Everything here is pure.
 */
export { importBankFile, formatImportError } from './import-file.ts';
export { checkImportSize, IMPORT_LIMITS } from './upload-limits.ts';
export type {
	DelimitedInfo,
	ImportedBank,
	ImportFailure,
	ImportFormat,
	ImportOptions,
	ImportPreviewRow,
	ImportResult,
} from './import-result.ts';
export type { Separator } from './delimited-separators.ts';
export {
	exportBankFolder,
	exportKiokuJson,
	exportKiokuYaml,
	type ExportBank,
	type ExportDeck,
} from './export-kioku.ts';
export { exportAnkiText, type AnkiLanguage } from './export-anki.ts';
