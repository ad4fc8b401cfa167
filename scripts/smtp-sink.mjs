// A real SMTP receiver for the end-to-end tests (the smtp-server package) on a loopback port:
// every message is stored as <dir>/<n>.eml, with its envelope in <n>.json, for the tests to read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

/**
 * Starts the receiver on 127.0.0.1 and an ephemeral port.
 * @param {string} dir
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export function startSmtpSink(dir) {
	mkdirSync(dir, { recursive: true });
	let n = 0;
	const server = new SMTPServer({
		// plain SMTP on loopback: no TLS to negotiate, any credentials accepted
		disabledCommands: ['STARTTLS'],
		authOptional: true,
		allowInsecureAuth: true,
		logger: false,
		onAuth(auth, _session, cb) {
			cb(null, { user: auth.username || 'test' });
		},
		onData(stream, session, cb) {
			/** @type {Buffer[]} */
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', () => {
				const id = String(++n).padStart(5, '0');
				const from = session.envelope.mailFrom;
				const envelope = {
					from: from ? from.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					at: Date.now()
				};
				writeFileSync(`${dir}/${id}.eml`, Buffer.concat(chunks));
				writeFileSync(`${dir}/${id}.json`, JSON.stringify(envelope));
				cb();
			});
		}
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.server.address());
			resolve({ port: address.port, close: () => new Promise((r) => server.close(() => r(undefined))) });
		});
	});
}
