CREATE TABLE `intake_versions` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
-- What the check reads, counted per campaign by triggers: the change and its count are one transaction,
-- whatever writes it (services/check-cache.ts).
CREATE TRIGGER `candidates_intake_insert` AFTER INSERT ON `candidates` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidates_intake_update` AFTER UPDATE ON `candidates` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `intake_versions` (`campaign_id`, `version`) SELECT OLD.`campaign_id`, 1 WHERE OLD.`campaign_id` IS NOT NEW.`campaign_id` ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidates_intake_delete` AFTER DELETE ON `candidates` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) VALUES (OLD.`campaign_id`, 1) ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `attachments_intake_insert` AFTER INSERT ON `attachments` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) SELECT `campaign_id`, 1 FROM `candidates` WHERE `id` = NEW.`candidate_id` ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `attachments_intake_update` AFTER UPDATE ON `attachments` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) SELECT `campaign_id`, 1 FROM `candidates` WHERE `id` = NEW.`candidate_id` ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `intake_versions` (`campaign_id`, `version`) SELECT `campaign_id`, 1 FROM `candidates` WHERE `id` = OLD.`candidate_id` ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `attachments_intake_delete` AFTER DELETE ON `attachments` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) SELECT `campaign_id`, 1 FROM `candidates` WHERE `id` = OLD.`candidate_id` ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_acceptances_intake_insert` AFTER INSERT ON `issue_acceptances` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_acceptances_intake_update` AFTER UPDATE ON `issue_acceptances` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_acceptances_intake_delete` AFTER DELETE ON `issue_acceptances` BEGIN
	INSERT INTO `intake_versions` (`campaign_id`, `version`) VALUES (OLD.`campaign_id`, 1) ON CONFLICT (`campaign_id`) DO UPDATE SET `version` = `version` + 1;
END;
