// Results and search statistics of the selection engine (solver.ts, sift.ts).

export interface CoreSolution {
	/** chosen candidate indices, ascending (= rank order) */
	chosen: number[];
	value: number;
}

export interface SearchStats {
	nodes: number;
	/** nodes spent finding the best total (the rest went to the tie-break and diagnosis) */
	phase1Nodes?: number;
	lpIterations: number;
	/** tie-break questions that needed a search */
	checks: number;
	/** improving solutions found while searching for the best total */
	incumbents?: number;
	/** sifting (sift.ts): rounds, and the candidates in the last working set */
	rounds?: number;
	workingSet?: number;
}
