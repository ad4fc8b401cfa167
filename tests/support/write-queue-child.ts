// Child process for tests/server/write-queue-crash.test.ts: writes through the write queue from
// many concurrent writers and prints the id of each write once it is acknowledged.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';

const db = await openDatabase(`file:${process.argv[2]}`);
await db.run(sql`create table if not exists acked (id integer primary key, writer integer not null)`);
process.stdout.write('ready\n');
let next = 0;
await Promise.all(
	Array.from({ length: 16 }, async (_, w) => {
		for (;;) {
			const id = next++;
			await db.transaction(async (tx) => {
				await tx.run(sql`insert into acked (id, writer) values (${id}, ${w})`);
			});
			process.stdout.write(`${id}\n`);
		}
	})
);
