// What the expert's desk pages receive from the server: the expert's own data only. Types only, so
// the pages may import them (`import type`) while the desk service builds them.
import type { RubricCriterion } from '../domain/types';

export interface DeskRound {
	id: string;
	seq: number;
	name: string;
	type: 'score' | 'vote';
	state: 'draft' | 'open' | 'closed';
	deadline: string | null;
	rubric: RubricCriterion[];
	/** vote rounds with 限额投票: at most this many 赞成 per expert; null without a cap */
	maxYes: number | null;
	/** 赞成 already submitted in the round (on the dossier page: on other dossiers) */
	yesCast: number;
}

export interface OwnSheet {
	version: number;
	status: 'draft' | 'submitted';
	values: Record<string, number>;
	choice: 'yes' | 'no' | 'abstain' | null;
	comment: string;
	rescoreRequested: string | null;
	/** who asked for the rescore, e.g. “评审组长 王某” */
	rescoreBy: string | null;
	updatedAt: number;
	submittedAt: number | null;
}

/** The server's copy of the sheet when a save was refused. */
export interface ServerCopy {
	version: number;
	values: Record<string, unknown>;
	comment: string | null;
	choice: string | null;
}

/** A refused save or submit, as the actions return it (also to a post without JavaScript). */
export interface ActionFailure {
	code: 'INVALID' | 'NOT_FOUND' | 'ROUND_CLOSED' | 'STALE' | 'SUBMITTED' | 'YES_LIMIT';
	message: string;
	errors?: Record<string, string>;
	current?: ServerCopy;
	/** what was posted, so a page rendered without JavaScript shows it again */
	values?: Record<string, string>;
	comment?: string;
	choice?: string | null;
	baseVersion?: number;
}
