// Issue 13: "The dead and test-only exports are gone or used." An export of the domain, the
// client-safe kernel or the server that only tests import (or nobody) is a rule with no production caller: its
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
	'src/lib/domain/intake/attachment-kinds.ts MAX_ATTACHMENT_BYTES (tests only)',
	'src/lib/domain/intake/expert-csv.ts MAX_EXPERT_ROWS (tests only)',
	'src/lib/domain/notice/presets/guangxi-2024.ts GUANGXI_FIELDS (tests only)',
	'src/lib/domain/notice/rule-sources.ts MODIFIED_NOTE (tests only)',
	// The round page's page size and the width past which its matrix turns compact: a test builds
	// a round one page (or one expert) larger from them.
	'src/lib/shared/round-matrix.ts COMPACT_OVER (tests only)',
	'src/lib/shared/round-view.ts ROUND_PAGE_SIZE (tests only)'
];

/** The same over the server: policy constants and the probes a test needs, each with its reason. */
const KNOWN_SERVER: string[] = [
	// Policy constants the tests check instead of restating numbers (OWASP's Argon2id minimums, the
	// throttle's waits, the session's life, page sizes and list limits a test builds one more than).
	'src/lib/server/auth/index.ts SESSION_TTL (tests only)',
	'src/lib/server/auth/login-throttle.ts THROTTLE (tests only)',
	'src/lib/server/auth/password.ts ARGON2_OPTIONS (tests only)',
	'src/lib/server/auth/password.ts HASH_CONCURRENCY (tests only)',
	'src/lib/server/services/audit-log.ts AUDIT_PAGE_SIZE (tests only)',
	'src/lib/server/services/check-pages.ts ISSUE_PREVIEW (tests only)',
	'src/lib/server/services/conflicts-bulk.ts CHOICE_LIMIT (tests only)',
	'src/lib/server/services/results-cache.ts RESULTS_TRIGGERS (tests only)',
	// Messages and tables a test compares word for word or enumerates (every export, every role).
	'src/lib/server/services/candidate-edit.ts DUPLICATE_MESSAGE (tests only)',
	'src/lib/server/exports/index.ts EXPORTS (tests only)',
	'src/lib/server/exports/index.ts FORMS_EXPORT (tests only)',
	// The demo's builders: the app seeds the demo with them (seedDemo); tests seed their campaigns.
	'src/lib/server/demo/index.ts DEMO_CAMPAIGN_ID (tests only)',
	'src/lib/server/demo/index.ts demoAccounts (tests only)',
	'src/lib/server/demo/index.ts seedCampaign (tests only)',
	// Probes: a test proves every table's trigger raises the version a memo is kept under, and that
	// concurrent writers of one handle share its queue.
	'src/lib/server/services/check-cache.ts intakeVersion (tests only)',
	'src/lib/server/services/results-cache.ts resultsVersion (tests only)',
	'src/lib/server/db/index.ts writeQueueOf (tests only)'
];

describe('exports of the server', () => {
	it('has no value export that only tests import, or nobody (but the known few)', () => {
		expect(unusedExports(exportUses(['src/lib/server/'])).sort()).toEqual([...KNOWN_SERVER].sort());
	});
});

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
