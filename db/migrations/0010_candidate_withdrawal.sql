ALTER TABLE `candidates` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `candidates` ADD `withdrawn_by` text;--> statement-breakpoint
ALTER TABLE `candidates` ADD `withdrawn_reason` text;