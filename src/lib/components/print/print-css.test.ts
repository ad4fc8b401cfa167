import { describe, it, expect } from 'vitest';
import { printCss } from './print-css';

describe('printCss', () => {
	it('sets A4, page numbers and the footer label', () => {
		const css = printCss({ footer: '评审材料 前沿-07（匿名）' });
		expect(css).toContain('size: A4');
		expect(css).toContain('content: "评审材料 前沿-07（匿名）"');
		expect(css).toContain('counter(page)');
		expect(css).toContain('counter(pages)');
		expect(css).toContain('display: table-header-group');
	});
	it('cannot be broken out of: quotes, braces and tags are dropped from the footer', () => {
		const css = printCss({ footer: '"; } body { display: none } </style><script>x</script>' });
		const footer = /@bottom-left \{ content: "([^"]*)";/.exec(css)?.[1];
		expect(footer).toBeDefined();
		expect(footer).not.toMatch(/[{}<>";]/);
		expect(css.match(/<\/style>/g)?.length).toBe(1);
	});
	it('hides only plain selectors', () => {
		expect(printCss({ footer: 'x', hide: ['main.desk .scoring'] })).toContain(
			'main.desk .scoring { display: none !important; }'
		);
		expect(printCss({ footer: 'x', hide: ['a{} body'] })).not.toContain('a{}');
	});
});
