// Reads the mails the test SMTP receivers store: just enough MIME for what nodemailer sends
// (one text/plain part, base64 or quoted-printable, encoded-word headers).

export interface ReceivedMail {
	from: string;
	to: string;
	subject: string;
	text: string;
	raw: string;
}

function decodeWords(value: string): string {
	// adjacent encoded words are joined without the whitespace between them (RFC 2047 §6.2)
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
			enc.toUpperCase() === 'B'
				? Buffer.from(data, 'base64').toString('utf8')
				: Buffer.from(
						data
							.replace(/_/g, ' ')
							.replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
						'latin1'
					).toString('utf8')
		);
}

function decodeQp(body: string): string {
	const bytes = body
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

export function parseMail(raw: string): ReceivedMail {
	const split = raw.search(/\r?\n\r?\n/);
	const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
	const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
	const headers = new Map<string, string>();
	for (const line of head.split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
	}
	const cte = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
	const text =
		cte === 'base64'
			? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
			: cte === 'quoted-printable'
				? decodeQp(body)
				: body;
	return {
		from: decodeWords(headers.get('from') ?? ''),
		to: decodeWords(headers.get('to') ?? ''),
		subject: decodeWords(headers.get('subject') ?? ''),
		text: text.replace(/\r\n/g, '\n'),
		raw
	};
}
