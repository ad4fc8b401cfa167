// Issue 13: "The dead and test-only exports are gone or used." An export of the domain or the
// client-safe kernel that only tests import (or nobody) is a rule with no production caller: its
// tests prove something the app never runs. Test such behaviour through the public function the
// app calls, and un-export (or delete) the helper.
import { describe, expect, it } from 'vitest';
import { exportUses, unusedExports } from '../support/export-usage';

const DIRS = ['src/lib/domain/', 'src/lib/shared/'];

/** Left exported, each with its reason (the test fails when one is used, or a new one appears). */
const KNOWN: string[] = [
	// Verifiers: the app runs the same code (solveAssignment returns this function's result; select
	// checks its answer with ruleViolations); tests also read the dual certificate and the violations.
	'src/lib/domain/assignment/index.ts solveAssignmentCertified (tests only)',
	'src/lib/domain/selection/select.ts ruleViolations (tests only)',
	// The rule-blind baseline the selection tests measure the engine against.
	'src/lib/domain/selection/select.ts greedyByScore (tests only)',
	// Limits, notes and option lists a test builds its boundary input or expected text from.
	'src/lib/domain/formats/office/office-sniff.ts ZIP_LIMITS (tests only)',
	'src/lib/domain/intake/expert-csv.ts MAX_EXPERT_ROWS (tests only)',
	'src/lib/domain/notice/presets/guangxi-2024.ts GUANGXI_FIELDS (tests only)',
	'src/lib/domain/notice/rule-sources.ts MODIFIED_NOTE (tests only)',
	// The settings form as a browser submits it: a test fixture that belongs in tests/support.
	'src/lib/domain/notice/config-draft.ts draftToValues (tests only)',
	// The round page's page size and the width past which its matrix turns compact: a test builds
	// a round one page (or one expert) larger from them.
	'src/lib/shared/round-matrix.ts COMPACT_OVER (tests only)',
	'src/lib/shared/round-view.ts ROUND_PAGE_SIZE (tests only)'
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
		expect(unusedExports(uses).sort()).toEqual([...KNOWN].sort());
	});
});
