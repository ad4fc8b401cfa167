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

// Axes the charts share: a category axis without grid lines, a titled value axis on the grid.
export const CATEGORY_AXIS = { grid: { display: false } };
export const valueAxis = (title: string) => ({ grid: { color: GRID }, title: { display: true, text: title } });
/** a count axis: from zero, whole numbers only */
export const countAxis = (title: string) => ({ ...valueAxis(title), beginAtZero: true, ticks: { precision: 0 } });
/** the height of a horizontal bar chart: `per` pixels a bar plus `room` for axes and legend */
export const barsHeight = (bars: number, per: number, room: number, min: number): number =>
	Math.max(min, bars * per + room);
