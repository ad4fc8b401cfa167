// A second (third …) app process for the audit chain's concurrency test: opens the database file
// given in argv and writes audited changes in separate transactions, as a server would.
import { openDatabase } from '../../src/lib/server/db';
import { audit } from '../../src/lib/server/audit';

const [url, campaignId, countText, tag, startText] = process.argv.slice(2);
const db = await openDatabase(url);
const count = Number(countText);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Every writer starts at the same moment, so that they really compete for the chain's head.
await sleep(Math.max(0, Number(startText) - Date.now()));
// Two streams of writes per process (its requests), each a transaction after a short pause.
const stream = async (from: number) => {
	for (let i = from; i < count; i += 2) {
		await sleep(5 + Math.random() * 20);
		await db.transaction(async (tx) => {
			await audit(
				tx,
				{ id: null, name: tag },
				{ campaignId, action: 'test.write', entity: 'test', entityId: `${tag}-${i}`, after: { i } }
			);
			await sleep(Math.random() * 2); // some work inside the transaction
		});
	}
};
await Promise.all([stream(0), stream(1)]);
process.stdout.write(JSON.stringify({ ok: true, written: count }) + '\n');
process.exit(0);
