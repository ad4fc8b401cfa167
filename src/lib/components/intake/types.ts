// The view types the intake components render (types only, from the client-safe kernel).
export type { SampleRow, CheckView, ChannelRow } from '$lib/shared/intake-views';
