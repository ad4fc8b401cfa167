CREATE TABLE `candidate_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`note` text NOT NULL,
	`by` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `round_candidates` (
	`round_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`how` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `candidate_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`state` text NOT NULL,
	`reviewers` text NOT NULL,
	`rubric` text,
	`threshold` text,
	`aggregation` text NOT NULL,
	`deadline` text,
	`created_at` integer NOT NULL,
	`opened_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_seq_uq` ON `rounds` (`campaign_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sheet_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sheet_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`values` text NOT NULL,
	`total` real,
	`choice` text,
	`comment` text,
	`at` integer NOT NULL,
	`by` text,
	FOREIGN KEY (`sheet_id`) REFERENCES `sheets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sheet_history_sheet_idx` ON `sheet_history` (`sheet_id`);--> statement-breakpoint
CREATE TABLE `sheets` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`status` text NOT NULL,
	`values` text NOT NULL,
	`total` real,
	`choice` text,
	`comment` text,
	`version` integer NOT NULL,
	`rescore_requested` text,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sheets_uq` ON `sheets` (`round_id`,`expert_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `sheets_round_idx` ON `sheets` (`round_id`,`candidate_id`);