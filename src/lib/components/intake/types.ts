// The view types the intake components render (type-only; nothing from the server runs here).
export type { SampleRow, CheckView, ChannelRow } from '$lib/server/services/intake-preview';
