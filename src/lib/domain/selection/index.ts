// Shortlist selection under balance rules, the public entry: one selection (select.ts, with the
// method described there), the campaign's tiers (tiers.ts), which build on it, the rules'
// words for the pages (explain.ts), and the instances as the CLI reads them (instance-schema.ts).
export * from './select';
export { selectTiers, type TierSelection, type TierSpec } from './tiers';
export { describeRule, explainChinese, isMember } from './explain';
export { validateSelectionInstance, validateTiersInstance } from './instance-schema';
