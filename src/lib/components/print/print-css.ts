// The print setup of Laurel's paper records: A4, margins, the footer in the page margin boxes
// (a label on the left, "第 n 页 / 共 m 页" on the right), table headers repeated on every page,
// rows never split. Returned as a <style> element for <svelte:head>, so that it applies only while
// a printable page is open (an imported stylesheet would stay for every page after it).

/** A CSS string literal: only characters that are safe inside "…" are kept. */
function cssString(s: string): string {
	return `"${s.replace(/[^\p{L}\p{N} ·（）()\-_/:：.，,]/gu, '')}"`;
}

export function printCss(opts: { footer: string; hide?: string[] }): string {
	const hide = (opts.hide ?? []).filter((s) => /^[\w .#>:-]+$/.test(s));
	return `<style>
@page {
	size: A4;
	margin: 15mm 14mm 18mm;
	@bottom-left { content: ${cssString(opts.footer)}; font-size: 8.5pt; color: #444; }
	@bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8.5pt; color: #444; }
}
@media print {
	thead { display: table-header-group; }
	tfoot { display: table-footer-group; }
	tr, .keep { break-inside: avoid; page-break-inside: avoid; }
	h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
	.table-wrap { overflow: visible !important; }
	${hide.length ? `${hide.join(', ')} { display: none !important; }` : ''}
}
</style>`;
}
