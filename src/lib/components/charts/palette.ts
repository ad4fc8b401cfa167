// Calm, print-distinguishable colours for the charts (panels, rounds, required vs achieved).
const PALETTE = ['#1f5f4a', '#c59d3f', '#3f7fa3', '#b5573f', '#7a6fa8', '#6f8f3a', '#a34f7a', '#4a5650'];
export const colour = (i: number): string => PALETTE[i % PALETTE.length];
export const GRID = '#e3e0d8';
export const fmt1 = (x: number | null | undefined): string =>
	x === null || x === undefined ? '—' : (Math.round(x * 10) / 10).toFixed(1);
export const signed = (x: number | null | undefined): string =>
	x === null || x === undefined
		? '—'
		: `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(Math.round(x * 10) / 10).toFixed(1)}`;
