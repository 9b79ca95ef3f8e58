CREATE TABLE "ern_settings" (
	"ern_id" uuid PRIMARY KEY NOT NULL,
	"routine_deadline_days" integer NOT NULL,
	"urgent_deadline_days" integer NOT NULL,
	"very_urgent_deadline_days" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "ern_settings_days" CHECK ("ern_settings"."routine_deadline_days" between 1 and 365 and "ern_settings"."urgent_deadline_days" between 1 and 365 and "ern_settings"."very_urgent_deadline_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "expert_group_members" (
	"group_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "expert_group_members_group_id_person_id_pk" PRIMARY KEY("group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "expert_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ern_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "panel_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"assessment" text NOT NULL,
	"suggested_diagnoses" jsonb NOT NULL,
	"suggested_investigations" text NOT NULL,
	"free_text" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_contributions_author" UNIQUE("panel_id","author_id"),
	CONSTRAINT "panel_contributions_version" CHECK ("panel_contributions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"panel_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"via_expert_group_id" uuid,
	"access_request_id" uuid,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	CONSTRAINT "panel_members_panel_id_person_id_pk" PRIMARY KEY("panel_id","person_id"),
	CONSTRAINT "panel_members_role" CHECK (role in ('lead', 'member', 'guest')),
	CONSTRAINT "panel_members_status" CHECK (status in ('invited', 'accepted', 'declined')),
	CONSTRAINT "panel_members_decline" CHECK ("panel_members"."status" <> 'declined' or "panel_members"."decline_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "panel_reminders" (
	"panel_id" uuid NOT NULL,
	"day" date NOT NULL,
	"recipient_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_reminders_panel_id_day_pk" PRIMARY KEY("panel_id","day")
);
--> statement-breakpoint
CREATE TABLE "panel_share_attachments" (
	"share_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "panel_share_attachments_share_id_attachment_id_pk" PRIMARY KEY("share_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "panel_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"patient_id" uuid NOT NULL,
	"record_version" integer NOT NULL,
	"sections" text[] NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_shares_seq" UNIQUE("panel_id","seq"),
	CONSTRAINT "panel_shares_seq_positive" CHECK ("panel_shares"."seq" >= 1)
);
--> statement-breakpoint
CREATE TABLE "panel_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text,
	"few_contributions_acknowledged" boolean DEFAULT false NOT NULL,
	CONSTRAINT "panel_transitions_seq" UNIQUE("panel_id","seq"),
	CONSTRAINT "panel_transitions_seq_positive" CHECK ("panel_transitions"."seq" >= 1)
);
--> statement-breakpoint
CREATE TABLE "panels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ern_id" uuid NOT NULL,
	"disease_group_id" uuid,
	"patient_id" uuid NOT NULL,
	"type" text NOT NULL,
	"urgency" text NOT NULL,
	"title" text NOT NULL,
	"clinical_question" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	CONSTRAINT "panels_status" CHECK (status in ('draft', 'submitted', 'open', 'outcomeDrafting', 'outcomeSigned', 'closed', 'archived', 'cancelled')),
	CONSTRAINT "panels_type" CHECK (type in ('diagnosis', 'treatment', 'followUp', 'training')),
	CONSTRAINT "panels_urgency" CHECK (urgency in ('routine', 'urgent', 'veryUrgent'))
);
--> statement-breakpoint
ALTER TABLE "ern_settings" ADD CONSTRAINT "ern_settings_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ern_settings" ADD CONSTRAINT "ern_settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_group_members" ADD CONSTRAINT "expert_group_members_group_id_expert_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."expert_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_group_members" ADD CONSTRAINT "expert_group_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_groups" ADD CONSTRAINT "expert_groups_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_groups" ADD CONSTRAINT "expert_groups_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_contributions" ADD CONSTRAINT "panel_contributions_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_contributions" ADD CONSTRAINT "panel_contributions_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_invited_by_people_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_access_request_id_access_requests_id_fk" FOREIGN KEY ("access_request_id") REFERENCES "public"."access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_reminders" ADD CONSTRAINT "panel_reminders_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_reminders" ADD CONSTRAINT "panel_reminders_recipient_id_people_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_share_attachments" ADD CONSTRAINT "panel_share_attachments_share_id_panel_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."panel_shares"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_share_attachments" ADD CONSTRAINT "panel_share_attachments_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_shares" ADD CONSTRAINT "panel_shares_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_shares" ADD CONSTRAINT "panel_shares_shared_by_people_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_shares" ADD CONSTRAINT "panel_shares_record_version" FOREIGN KEY ("patient_id","record_version") REFERENCES "public"."record_versions"("patient_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_transitions" ADD CONSTRAINT "panel_transitions_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_transitions" ADD CONSTRAINT "panel_transitions_by_people_id_fk" FOREIGN KEY ("by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_disease_group_id_disease_groups_id_fk" FOREIGN KEY ("disease_group_id") REFERENCES "public"."disease_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_groups_ern" ON "expert_groups" USING btree ("ern_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_members_one_lead" ON "panel_members" USING btree ("panel_id") WHERE role = 'lead';--> statement-breakpoint
CREATE INDEX "panel_members_person" ON "panel_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "panels_ern_status" ON "panels" USING btree ("ern_id","status");--> statement-breakpoint
CREATE INDEX "panels_patient" ON "panels" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "panels_deadline" ON "panels" USING btree ("status","deadline_at");