-- A nomination's key keeps the full 出生年月 (day included): two rows of one 推荐单位 and 姓名
-- whose births differ by a day are two nominations, never merged (issue 11).
UPDATE `candidates` SET `dedup_key` = trim(`channel`) || '|' || trim(`name`) || '|' || trim(`birth`);
