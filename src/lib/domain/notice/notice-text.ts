// Wording of the printed 公示.

/**
 * The notice the 公示 rests on, written 《标题》（文号）: 《关于开展2023年“晋城最美科技工作者”学习宣传活动的通知》（晋市科协发〔2023〕9号）.
 * A notice without a 文号 (its `document` is its title) is 《标题》 alone.
 */
export function noticeBasis(title: string | undefined, document: string): string {
	const strip = (s: string) => s.trim().replace(/^《/, '').replace(/》$/, '');
	const t = title ? strip(title) : '';
	const d = document.trim();
	if (t && d && strip(d) !== t) return `《${t}》（${d}）`;
	if (t) return `《${t}》`;
	if (!d) return '';
	// a bare 文号 (晋市科协发〔2023〕9号) is not a title: no 书名号
	return /〔\d{4}〕|\[\d{4}\]|\d+号$/.test(d) ? `（${d}）` : `《${strip(d)}》`;
}
