// Shortlist selection under balance rules, the public entry: one selection (select.ts, with the
// method described there), the campaign's tiers (tiers.ts), which build on it, and the rules'
// words for the pages (explain.ts).
export * from './select';
export { selectTiers, type TierSelection, type TierSpec } from './tiers';
export { describeRule, explainChinese, isMember } from './explain';
