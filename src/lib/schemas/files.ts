// Files sent with a form (the pool roster, the nomination import): which file inputs were filled,
// and the limits a page can tell before reading them. What the bytes hold is the services' to say.
import * as v from 'valibot';

const MB = 1024 * 1024;
/** A file input's entries: a blank input sends an empty, nameless file (or, without JS, text). */
const entries = v.array(v.union([v.string(), v.file()]));

/**
 * One file in input `file`, named in every refusal by what it is (“专家库 CSV 文件”): chosen, not
 * empty, at most `maxBytes`. A blank input sends an empty, nameless file (or, without JS, text).
 */
function oneFile(what: string, maxBytes: number) {
	const missing = `请选择${what}`;
	return v.object({
		file: v.pipe(
			v.optional(v.union([v.string(), v.file()]), ''),
			v.check((f) => f instanceof File && (f.size > 0 || !!f.name), missing),
			v.transform((f) => f as File),
			v.rawCheck(({ dataset, addIssue }) => {
				if (!dataset.typed) return;
				const f = dataset.value;
				if (f.size === 0) addIssue({ message: `${what}“${f.name}”是空的（0 字节），请检查后重新上传` });
				else if (f.size > maxBytes)
					addIssue({
						message: `${what}“${f.name}”有 ${(f.size / MB).toFixed(1)} MB，超过上限 ${maxBytes / MB} MB，请分批导入`
					});
			})
		)
	});
}

/** 专家库导入: one CSV file, at most 5 MB. */
export const POOL_MAX_BYTES = 5 * MB;
export const poolFileForm = oneFile('专家库 CSV 文件', POOL_MAX_BYTES);

/** 批量导入专家名单: one CSV file (or an .xlsx, read as its first sheet), at most 2 MB. */
export const ROSTER_MAX_BYTES = 2 * MB;
export const rosterFileForm = oneFile('专家名单文件', ROSTER_MAX_BYTES);

/**
 * 导入推荐材料: several files at once (one 汇总表 and the 推荐表), none empty, together at most
 * `maxBytes`.
 */
export function importFilesForm(maxBytes: number) {
	return v.object({
		file: v.pipe(
			entries,
			v.transform((xs) => xs.filter((f): f is File => f instanceof File && (f.size > 0 || !!f.name))),
			v.minLength(1, '请选择要上传的文件（CSV 或 Excel 汇总表、Word 推荐表或其 zip 压缩包）'),
			v.rawCheck(({ dataset, addIssue }) => {
				if (!dataset.typed) return;
				const empty = dataset.value.find((f) => f.size === 0);
				if (empty) return addIssue({ message: `文件“${empty.name}”是空的（0 字节），请检查后重新上传` });
				const size = dataset.value.reduce((s, f) => s + f.size, 0);
				if (size > maxBytes)
					addIssue({
						message: `所选文件共 ${(size / MB).toFixed(1)} MB，超过上限 ${maxBytes / MB} MB，请分批导入`
					});
			})
		)
	});
}
