import { describe, expect, it } from 'vitest';
import { tallyVotes, type Vote, type VoteChoice } from './votes';

/** Ballots on one candidate: counts of yes / no / abstain from experts E1… */
function ballots(candidate: string, yes: number, no = 0, abstain = 0): Vote[] {
	const choices: VoteChoice[] = [...Array(yes).fill('yes'), ...Array(no).fill('no'), ...Array(abstain).fill('abstain')];
	return choices.map((choice, i) => ({ expert: `E${i + 1}`, candidate, choice }));
}
const T = { num: 2, den: 3 };

/** The yes votes a candidate needs, as the tally reports it (default threshold 2/3). */
const votesNeeded = (present: number, threshold?: { num: number; den: number }, strict?: boolean) =>
	tallyVotes([], { present, threshold, strict, candidates: ['A'] })[0].needed;

describe('the yes votes needed (tallyVotes needed)', () => {
	it('is ceil(present × 2/3) by default', () => {
		expect(votesNeeded(7)).toBe(5);
		expect(votesNeeded(9)).toBe(6);
		expect(votesNeeded(6)).toBe(4);
		expect(votesNeeded(3)).toBe(2);
		expect(votesNeeded(1)).toBe(1);
		expect(votesNeeded(0)).toBe(0);
	});
	it('uses exact integers where floating point would round up wrongly', () => {
		expect(Math.ceil(100 * (7 / 100))).toBe(8); // the float trap this avoids
		expect(votesNeeded(100, { num: 7, den: 100 })).toBe(7);
	});
	it('supports "more than" thresholds such as 过半数', () => {
		expect(votesNeeded(8, { num: 1, den: 2 })).toBe(4);
		expect(votesNeeded(8, { num: 1, den: 2 }, true)).toBe(5);
		expect(votesNeeded(7, { num: 1, den: 2 }, true)).toBe(4);
	});
	it('rejects non-integer inputs', () => {
		expect(() => votesNeeded(6.5)).toThrow(/出席人数/);
		expect(() => votesNeeded(7, { num: 2, den: 0 })).toThrow(/分母/);
	});
});

describe('tallyVotes', () => {
	it('passes at exactly the needed yes votes of 7 and of 9 present', () => {
		const r = tallyVotes([...ballots('A', 5, 2), ...ballots('B', 4, 3)], { present: 7, threshold: T });
		expect(r).toEqual([
			{ candidate: 'A', yes: 5, no: 2, abstain: 0, present: 7, needed: 5, passed: true, warnings: [] },
			{ candidate: 'B', yes: 4, no: 3, abstain: 0, present: 7, needed: 5, passed: false, warnings: [] }
		]);
		const nine = tallyVotes([...ballots('A', 6, 3), ...ballots('B', 5, 4)], { present: 9, threshold: T });
		expect(nine.map((x) => [x.needed, x.passed])).toEqual([
			[6, true],
			[6, false]
		]);
	});
	it('counts abstentions toward present, so they weigh like a no', () => {
		const [a] = tallyVotes(ballots('A', 5, 1, 3), { present: 9, threshold: T });
		expect(a).toMatchObject({ yes: 5, no: 1, abstain: 3, present: 9, needed: 6, passed: false });
	});
	it('takes present per candidate (a recused expert leaves the room)', () => {
		const r = tallyVotes([...ballots('A', 4, 2), ...ballots('B', 4, 2)], { present: { A: 6, B: 7 }, threshold: T });
		expect(r.map((x) => [x.candidate, x.needed, x.passed])).toEqual([
			['A', 4, true],
			['B', 5, false]
		]);
		expect(r[1].warnings).toEqual(['出席 7 人，仅收到 6 票，未投票者按未赞成计']);
		expect(() => tallyVotes(ballots('C', 1), { present: { A: 6 } })).toThrow(/出席人数/);
	});
	it('warns on more ballots than experts present, refuses double ballots, fails with nobody present', () => {
		expect(tallyVotes(ballots('A', 8), { present: 7 })[0].warnings).toEqual(['投票数 8 超过出席人数 7']);
		expect(() => tallyVotes([...ballots('A', 1), ...ballots('A', 1)], { present: 7 })).toThrow(/重复投票/);
		expect(tallyVotes([], { present: 0, candidates: ['A'] })[0]).toMatchObject({ yes: 0, needed: 0, passed: false });
	});
	it('lists candidates in natural code order, including those without ballots', () => {
		const r = tallyVotes(ballots('C10', 1), { present: 3, candidates: ['C2', 'C1'] });
		expect(r.map((x) => x.candidate)).toEqual(['C1', 'C2', 'C10']);
	});
});
