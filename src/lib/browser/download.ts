/** Saves text as a file through the browser's download (no server round trip, works offline). */
export function downloadText(fileName: string, text: string, type: string) {
	const a = document.createElement('a');
	a.href = URL.createObjectURL(new Blob([text], { type }));
	a.download = fileName;
	a.click();
	// After the click has started the download; revoking at once can cancel it in some browsers.
	setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
