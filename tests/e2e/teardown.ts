import { rmSync } from 'node:fs';

// The e2e server's build and database live under .e2e/<port>; remove them after the run.
export default function teardown(): void {
	if (process.env.E2E_PORT) rmSync(`.e2e/${process.env.E2E_PORT}`, { recursive: true, force: true });
}
