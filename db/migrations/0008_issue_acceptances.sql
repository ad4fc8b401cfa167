CREATE TABLE `issue_acceptances` (
	`campaign_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`code` text NOT NULL,
	`reason` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`candidate_id`, `code`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issue_acceptances_campaign_idx` ON `issue_acceptances` (`campaign_id`);