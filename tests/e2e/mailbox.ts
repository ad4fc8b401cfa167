// The mails the e2e server's SMTP receiver got (scripts/smtp-sink.mjs stores them under
// .e2e/<port>/mail/), parsed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail, type ReceivedMail } from '../support/mime';

export type Mail = ReceivedMail & { rcpt: string[]; file: string };

export function mailbox(): Mail[] {
	const dir = `.e2e/${process.env.E2E_PORT}/mail`;
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.eml'))
		.sort()
		.map((f) => ({
			...parseMail(readFileSync(join(dir, f), 'utf8')),
			rcpt: (JSON.parse(readFileSync(join(dir, f.replace(/\.eml$/, '.json')), 'utf8')) as { to: string[] }).to,
			file: f
		}));
}
