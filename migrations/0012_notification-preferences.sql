CREATE TABLE "notification_preferences" (
	"person_id" uuid NOT NULL,
	"category" text NOT NULL,
	"mode" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_preferences_person_id_category_pk" PRIMARY KEY("person_id","category"),
	CONSTRAINT "notification_preferences_category" CHECK (category in ('invitations', 'panelRequests', 'contributions', 'informationRequests', 'meetings', 'deadlines', 'outcomes')),
	CONSTRAINT "notification_preferences_mode" CHECK (mode in ('immediate', 'dailyDigest', 'off'))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind";--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "digest_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "digested_into" uuid;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_outbox_digest" ON "email_outbox" USING btree ("digest_due_at");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind" CHECK (kind in ('panelInvitation', 'panelMessage', 'mention', 'infoRequest', 'infoAnswered', 'panelTransition', 'outcomeApprovalRequested', 'outcomeSigned', 'meetingInvitation', 'meetingChanged', 'contributionPosted'));