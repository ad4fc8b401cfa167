CREATE TABLE `selections` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`round_id` text,
	`input_hash` text NOT NULL,
	`input` text NOT NULL,
	`result` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`locked_at` integer,
	`locked_by` text,
	`notice_start` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `selections_campaign_idx` ON `selections` (`campaign_id`,`created_at`);