/** The parts of an uploaded file's name that importing uses. */

/** The file's name without folders and without its last extension. */
export function baseName(fileName: string): string {
	const name = lastSegment(fileName);
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(0, dot) : name;
}

/** The file's last extension in lower case, without the dot; "" when it has none. */
export function extensionOf(fileName: string): string {
	const name = lastSegment(fileName);
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function lastSegment(fileName: string): string {
	return fileName.split(/[\\/]/).at(-1) ?? fileName;
}
