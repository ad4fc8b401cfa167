// Issue 13: "The dead and test-only exports are gone or used." An export of the domain or the
// client-safe kernel that only tests import (or nobody) is a rule with no production caller: its
// tests prove something the app never runs. Test such behaviour through the public function the
// app calls, and un-export (or delete) the helper.
import { describe, expect, it } from 'vitest';
import { exportUses, unusedExports } from '../support/export-usage';

const DIRS = ['src/lib/domain/', 'src/lib/shared/'];

/** Left exported on purpose, each with its reason. */
const KNOWN: string[] = [
	'src/lib/domain/assignment/index.ts solveAssignmentCertified (tests only)',
	'src/lib/domain/formats/office/office-sniff.ts ZIP_LIMITS (tests only)',
	'src/lib/domain/intake/expert-csv.ts MAX_EXPERT_ROWS (tests only)',
	'src/lib/domain/notice/config-draft.ts draftToValues (tests only)',
	'src/lib/domain/notice/presets/guangxi-2024.ts GUANGXI_FIELDS (tests only)',
	'src/lib/domain/notice/rule-sources.ts MODIFIED_NOTE (tests only)',
	'src/lib/domain/selection/select.ts greedyByScore (tests only)',
	'src/lib/domain/selection/select.ts ruleViolations (tests only)',
	'src/lib/shared/round-matrix.ts COMPACT_OVER (tests only)',
	'src/lib/shared/round-view.ts ONLY_LABELS (nobody)',
	'src/lib/shared/round-view.ts PENDING_CODES_SHOWN (nobody)',
	'src/lib/shared/round-view.ts ROUND_PAGE_SIZE (tests only)',
	'src/lib/shared/round-view.ts SUMMARY_SHOWN (nobody)',
	'src/lib/shared/round-view.ts pageOf (tests only)',
	'src/lib/shared/round-view.ts parseRoundQuery (tests only)'
];

describe('exports of the domain and the shared kernel', () => {
	const uses = exportUses(DIRS);

	it('follows imports through barrels and counts tests apart (the finder can see a use)', () => {
		const find = (file: string, name: string) => uses.find((u) => u.file === file && u.name === name);
		// imported from the barrel `$lib/domain/selection` (an `export *`) by the selection service
		const resolve = find('src/lib/domain/selection/select.ts', 'resolveRules');
		expect(resolve?.production).toContain('src/lib/server/services/selection-solve.ts');
		// imported through `export { validateAssignmentInstance } from './instance-schema'`
		expect(
			find('src/lib/domain/assignment/instance-schema.ts', 'validateAssignmentInstance')?.production.length
		).toBeGreaterThan(0);
		// a test's import is listed as a test's
		expect(find('src/lib/shared/time.ts', 'formatBeijing')?.tests).toContain('src/lib/shared/time.test.ts');
	});

	it('has no value export that only tests import, or nobody (but the known few)', () => {
		expect(unusedExports(DIRS)).toEqual(KNOWN);
	});
});
